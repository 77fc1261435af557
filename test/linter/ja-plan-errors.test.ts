/**
 * A plan's problems in Japanese reports: each case makes the plan loader raise the problem, so that
 * a pattern that no longer matches its English fails here.
 */
import { describe, expect, it } from 'vitest';
import { problemsInBothLanguages } from '../support/ja-problems.js';

const problemsOf = (plan: unknown) => problemsInBothLanguages({ 'plan.json': JSON.stringify(plan, null, 2) });

const resource = { address: 'aws_vpc.a', type: 'aws_vpc', name: 'a', mode: 'managed' };

describe('Japanese for plan problems', () => {
  it.each([
    ['no planned_values', { format_version: '1.2', resource_changes: [] }, '1:1', 'plan に "planned_values" がありません: 保存した plan から `terraform show -json PLANFILE` で書き出してください'],
    ['a format not supported', { format_version: '9.0', planned_values: { root_module: {} } }, '2:21', 'plan の形式 9.0 はサポートしていません（0.x と 1.x をサポートします）'],
    ['a format version as a number', { format_version: 1.2, planned_values: { root_module: {} } }, '2:21', '"format_version" は Terraform が書くとおり文字列（"1.2"）である必要があります'],
    ['no root module', { format_version: '1.2', planned_values: {} }, '3:21', '"planned_values" に "root_module" がありません'],
    ['resources that are no list', { format_version: '1.2', planned_values: { root_module: { resources: {} } } }, '5:20', 'planned_values の "resources" は JSON 配列である必要があります'],
    ['a resource that is no object', { format_version: '1.2', planned_values: { root_module: { resources: [5] } } }, '6:9', 'planned_values のリソースは JSON オブジェクトである必要があります'],
    ['a resource without its names', { format_version: '1.2', planned_values: { root_module: { resources: [{ address: 'aws_vpc.a' }] } } }, '6:9', 'planned_values のリソースには文字列の "address"、"type"、"name" が必要です'],
    ['values that are no object', { format_version: '1.2', planned_values: { root_module: { resources: [{ ...resource, values: 5 }] } } }, '11:21', 'aws_vpc.a の "values" は JSON オブジェクトである必要があります'],
  ])('%s', (_, plan, at, ja) => {
    expect(problemsOf(plan)).toEqual([expect.objectContaining({ at, ja })]);
  });
});
