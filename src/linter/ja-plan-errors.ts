/**
 * Japanese for the problems of a Terraform plan in JSON (loaders/plan/load.ts), for reports in
 * Japanese.
 *
 * Contract: as ja-problems.ts — JSON keys, addresses, versions and commands pass through untouched;
 * a message none of whose patterns matches comes back unchanged.
 */
import type { JaRule } from './ja-rule.js';

const WRITE_IT = '`terraform show -json PLANFILE`';

export const PLAN_ERRORS: JaRule[] = [
  [/^A plan must be a JSON object$/, 'plan は JSON オブジェクトである必要があります'],
  [/^Not a Terraform plan: "format_version" is missing$/, 'Terraform の plan ではありません: "format_version" がありません'],
  [/^"format_version" must be text, as Terraform writes it \("1\.2"\)$/, '"format_version" は Terraform が書くとおり文字列（"1.2"）である必要があります'],
  [/^Plan format (\S+) is not supported \(0\.x and 1\.x are\)$/, 'plan の形式 $1 はサポートしていません（0.x と 1.x をサポートします）'],
  [/^The plan has no "planned_values": write it with `terraform show -json PLANFILE` from a saved plan$/, `plan に "planned_values" がありません: 保存した plan から ${WRITE_IT} で書き出してください`],
  [/^"planned_values" must be a JSON object$/, '"planned_values" は JSON オブジェクトである必要があります'],
  [/^"planned_values" has no "root_module"$/, '"planned_values" に "root_module" がありません'],
  [/^"([^"]*)" in planned_values must be a JSON array$/, 'planned_values の "$1" は JSON 配列である必要があります'],
  [/^A module of planned_values must be a JSON object$/, 'planned_values のモジュールは JSON オブジェクトである必要があります'],
  [/^A resource of planned_values must be a JSON object$/, 'planned_values のリソースは JSON オブジェクトである必要があります'],
  [/^A resource of planned_values must have "address", "type" and "name" as text$/, 'planned_values のリソースには文字列の "address"、"type"、"name" が必要です'],
  [/^The "values" of (\S+) must be a JSON object$/, '$1 の "values" は JSON オブジェクトである必要があります'],
  [
    /^"resource_changes" plans (\S+) to exist, but "planned_values" does not hold it: the plan is incomplete \(write it whole with `terraform show -json PLANFILE`\)$/,
    `"resource_changes" は $1 の存在を計画していますが、"planned_values" にありません: plan が不完全です（${WRITE_IT} で全体を書き出してください）`,
  ],
];
