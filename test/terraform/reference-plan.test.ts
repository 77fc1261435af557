/**
 * The reference system evaluated by gridfence against Terraform's own plan of it
 * (fixtures/terraform/reference-aws-plan/plan.json, `terraform show -json`, Terraform 1.11.4):
 * every resource Terraform plans exists under the same address, and every argument gridfence
 * knows has the value Terraform planned. Arguments gridfence leaves unknown must be ones Terraform
 * also computes (absent from the plan's known values).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toJSON } from '../../src/model/value.js';
import { repoRoot } from '../support/files.js';
import { errors, loadFixture } from '../support/load.js';

interface PlanModule {
  resources?: Array<{ address: string; values: Record<string, unknown> }>;
  child_modules?: PlanModule[];
}

function planResources(m: PlanModule, out = new Map<string, Record<string, unknown>>()): Map<string, Record<string, unknown>> {
  for (const r of m.resources ?? []) out.set(r.address, r.values);
  for (const c of m.child_modules ?? []) planResources(c, out);
  return out;
}

const isUnknown = (v: unknown): boolean => v !== null && typeof v === 'object' && '$unknown' in (v as object);

/** Compares ours against the plan; returns differences as paths. Only what we hold is compared. */
function diff(ours: unknown, plan: unknown, at: string, out: string[], stats: { compared: number; unknown: number }): void {
  if (isUnknown(ours)) {
    stats.unknown++;
    return;
  }
  if (ours === null) return; // null in configuration: the provider chooses (Optional+Computed)
  if (Array.isArray(ours)) {
    if (!Array.isArray(plan) || plan.length !== ours.length) {
      out.push(`${at}: ours ${JSON.stringify(ours)} plan ${JSON.stringify(plan)}`);
      return;
    }
    // Blocks and sets may be ordered differently by the provider: match each element to one of the plan's.
    const free = [...plan];
    for (let i = 0; i < ours.length; i++) {
      const j = free.findIndex((p) => {
        const sub: string[] = [];
        diff(ours[i], p, '', sub, { compared: 0, unknown: 0 });
        return sub.length === 0;
      });
      if (j < 0) out.push(`${at}[${i}]: no matching element in the plan for ${JSON.stringify(ours[i])}`);
      else {
        diff(ours[i], free[j], `${at}[${i}]`, out, stats);
        free.splice(j, 1);
      }
    }
    return;
  }
  if (typeof ours === 'object') {
    if (!plan || typeof plan !== 'object') {
      out.push(`${at}: ours ${JSON.stringify(ours)} plan ${JSON.stringify(plan)}`);
      return;
    }
    for (const [k, v] of Object.entries(ours as Record<string, unknown>)) {
      if (!(k in (plan as object))) continue; // write-only or not in the provider schema's planned values
      diff(v, (plan as Record<string, unknown>)[k], `${at}.${k}`, out, stats);
    }
    return;
  }
  stats.compared++;
  // Terraform converts "443" to 443 for a number argument: compare primitives by their text.
  if (String(ours) !== String(plan)) out.push(`${at}: ours ${JSON.stringify(ours)} plan ${JSON.stringify(plan)}`);
}

describe('reference system: gridfence evaluation equals Terraform plan', () => {
  const plan = JSON.parse(fs.readFileSync(path.join(repoRoot, 'fixtures/terraform/reference-aws-plan/plan.json'), 'utf8')) as {
    planned_values: { root_module: PlanModule };
  };
  const planned = planResources(plan.planned_values.root_module);
  const loaded = loadFixture('fixtures/terraform/reference-aws');

  it('loads without input errors', () => {
    expect(errors(loaded)).toEqual([]);
  });

  it('has exactly the resource addresses Terraform plans', () => {
    const ours = loaded.model.resources.filter((r) => r.mode === 'managed').map((r) => r.address).sort();
    expect(ours).toEqual([...planned.keys()].sort());
    expect(ours.length).toBe(77);
  });

  it('has the values Terraform plans for every argument it knows', () => {
    const problems: string[] = [];
    const stats = { compared: 0, unknown: 0 };
    for (const r of loaded.model.resources) {
      if (r.mode !== 'managed') continue;
      diff(toJSON(r.attributes), planned.get(r.address), r.address, problems, stats);
    }
    expect(problems).toEqual([]);
    expect(stats.compared).toBeGreaterThan(600);
    console.info(`reference-aws vs terraform plan: ${stats.compared} values equal, ${stats.unknown} left unknown by gridfence`);
  });
});
