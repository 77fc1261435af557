/**
 * The GitHub Action as the runner runs it: the committed bundle (action/dist/index.mjs) under node,
 * with the INPUT_* variables, GITHUB_WORKSPACE, GITHUB_STEP_SUMMARY and GITHUB_OUTPUT the runner
 * sets; and the bundle is what the sources build today.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../support/files.js';

const bundle = path.join(repoRoot, 'action/dist/index.mjs');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gridfence-action-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
let n = 0;

function runAction(inputs: Record<string, string>) {
  const dir = path.join(work, `r${n++}`);
  fs.mkdirSync(dir);
  const files = { summary: path.join(dir, 'summary.md'), output: path.join(dir, 'output.txt') };
  fs.writeFileSync(files.summary, '');
  fs.writeFileSync(files.output, '');
  const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'], GITHUB_WORKSPACE: repoRoot, GITHUB_STEP_SUMMARY: files.summary, GITHUB_OUTPUT: files.output, 'INPUT_SUMMARY': 'true', 'INPUT_ANNOTATIONS': 'true' };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const r = spawnSync(process.execPath, [bundle], { cwd: dir, env, encoding: 'utf8' });
  const outputs: Record<string, string> = {};
  for (const m of fs.readFileSync(files.output, 'utf8').matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) outputs[m[1]!] = m[3]!;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, summary: fs.readFileSync(files.summary, 'utf8'), outputs, dir };
}

describe('the GitHub Action', () => {
  it('action.yml runs the committed bundle on node24, with the inputs and outputs of the contract', () => {
    const action = parse(fs.readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as { runs: { using: string; main: string }; inputs: Record<string, { default?: string }>; outputs: Record<string, unknown> };
    expect(action.runs).toEqual({ using: 'node24', main: 'action/dist/index.mjs' });
    expect(Object.keys(action.inputs)).toEqual(['path', 'config', 'fail-on', 'format', 'output', 'lang', 'summary', 'annotations']);
    expect([action.inputs['path']!.default, action.inputs['fail-on']!.default, action.inputs['format']!.default, action.inputs['output']!.default, action.inputs['summary']!.default, action.inputs['annotations']!.default]).toEqual(['.', 'error', 'sarif', 'gridfence.sarif', 'true', 'true']);
    expect(Object.keys(action.outputs)).toEqual(['sarif-file', 'errors', 'warnings']);
  });

  it('the committed bundle is the one the sources build', () => {
    const fresh = path.join(work, 'fresh.mjs');
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/bundle-action.mjs'), '--out', fresh], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(fs.readFileSync(fresh, 'utf8') === fs.readFileSync(bundle, 'utf8'), 'action/dist/index.mjs is stale: run npm run build:action and commit it').toBe(true);
  });

  it('on the bundled example: SARIF file, job summary, outputs, annotations; fails at fail-on=error', () => {
    const sarif = path.join(work, 'example.sarif');
    const r = runAction({ path: 'examples/vpp-aggregator', output: sarif, 'fail-on': 'error' });
    expect(r.code, r.stderr).toBe(1);
    const log = JSON.parse(fs.readFileSync(sarif, 'utf8')) as { version: string; runs: Array<{ results: unknown[] }> };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]!.results).toHaveLength(2);
    expect(r.summary).toContain('# gridfence report — Example VPP aggregator');
    expect(r.summary).toContain('## Compliance with the guideline');
    expect(r.outputs).toEqual({ 'sarif-file': sarif, errors: '1', warnings: '1' });
    expect(r.stdout).toContain('::error title=tls-minimum-version (4)ウ①,file=examples/vpp-aggregator/edge.tf,line=102,endLine=');
    expect(r.stdout).toContain('::warning title=instance-metadata-v2 (4)エ,file=examples/vpp-aggregator/compute.tf,line=99,endLine=');
    // The warning does not fail the step, and is not counted among what does.
    expect(r.stdout).toContain('::error::gridfence: 1 error(s) at or above fail-on=error\n');
  });

  it('fail-on=never passes; no annotations when asked; other formats and Japanese', () => {
    const r = runAction({ path: 'examples/vpp-aggregator', output: path.join(work, 'example.xml'), format: 'junit', 'fail-on': 'never', annotations: 'false', lang: 'ja' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('::error');
    expect(fs.readFileSync(path.join(work, 'example.xml'), 'utf8')).toContain('<testsuites name="gridfence"');
    expect(r.summary).toContain('## 指針への適合状況');
    expect(r.outputs['sarif-file']).toBe('');
  });

  it('an invalid configuration fails the step with exit 2 and an annotation at its line; a bad input is refused', () => {
    const cfg = path.join(work, 'bad.yaml');
    fs.writeFileSync(cfg, 'version: 1\nzonez: {}\n');
    const r = runAction({ path: 'examples/vpp-aggregator', config: cfg, output: path.join(work, 'bad.sarif') });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/::error title=gridfence input error,file=[^,]*bad.yaml,line=2,col=1::/);
    const wrong = runAction({ path: 'examples/vpp-aggregator', 'fail-on': 'sometimes' });
    expect(wrong.code).toBe(2);
    expect(wrong.stdout).toContain('::error::gridfence: input fail-on: "sometimes" is not one of error, warning, note, never');
  });
});
