/**
 * `--diff-base REF` on a small git repository built here: the merge base is linted in a temporary
 * worktree, and only what the change adds is reported; what it fixes is counted apart. A reference
 * git does not know is a usage error.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gridfence } from '../support/cli.js';

const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'gridfence-diff-'));
afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

const git = (...args: string[]) => {
  const r = spawnSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'dev', GIT_AUTHOR_EMAIL: 'dev@example.jp', GIT_COMMITTER_NAME: 'dev', GIT_COMMITTER_EMAIL: 'dev@example.jp' } });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trim();
};
const group = (name: string, port: number) => `resource "aws_security_group" "${name}" {\n  vpc_id = "vpc-0123456789abcdef0"\n  ingress {\n    protocol    = "tcp"\n    from_port   = ${port}\n    to_port     = ${port}\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n`;

describe('--diff-base', () => {
  git('init', '--quiet', '--initial-branch=main');
  fs.mkdirSync(path.join(repo, 'infra'));
  fs.writeFileSync(path.join(repo, 'infra/main.tf'), group('legacy', 443) + group('fixed', 8080));
  git('add', '.');
  git('commit', '--quiet', '-m', 'base');
  git('checkout', '--quiet', '-b', 'change');
  // The change fixes one hole, adds one, and shifts every line.
  fs.writeFileSync(path.join(repo, 'infra/main.tf'), `# reviewed\n\n${group('legacy', 443)}${group('admin', 22)}`);
  git('commit', '--quiet', '-am', 'change');

  it('reports only what the change adds, and counts what it fixes', () => {
    const r = gridfence(['lint', 'infra', '--diff-base', 'main', '--rule', 'ingress-from-declared-sources', '--format', 'json'], repo);
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as { findings: Array<{ resource: string; baselineState: string }>; baseline: { new: number; unchanged: number; absent: Array<{ resource: string }> } };
    expect(report.findings.map((f) => [f.resource, f.baselineState])).toEqual([['aws_security_group.admin', 'new']]);
    expect(report.baseline.new).toBe(1);
    expect(report.baseline.unchanged).toBe(1);
    expect(report.baseline.absent.map((a) => a.resource)).toEqual(['aws_security_group.fixed']);
    expect(git('worktree', 'list').split('\n')).toHaveLength(1);
  });

  it('passes when the change adds nothing', () => {
    const r = gridfence(['lint', 'infra', '--diff-base', 'HEAD', '--rule', 'ingress-from-declared-sources'], repo);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('against the baseline: 0 new, 2 unchanged, 0 gone');
  });

  it('--write-baseline beside it writes every finding of the change, not only the new ones', () => {
    const file = path.join(repo, 'next-baseline.json');
    const r = gridfence(['lint', 'infra', '--diff-base', 'main', '--rule', 'ingress-from-declared-sources', '--write-baseline', file, '--format', 'json'], repo);
    expect(r.code, r.stderr).toBe(1);
    expect((JSON.parse(r.stdout) as { findings: unknown[] }).findings).toHaveLength(1);
    const written = JSON.parse(fs.readFileSync(file, 'utf8')) as { findings: Array<{ resource: string }>; summary: { warning: number; error: number } };
    expect(written.findings.map((f) => f.resource)).toEqual(['aws_security_group.legacy', 'aws_security_group.admin']);
    expect(written.summary.error + written.summary.warning).toBe(2);
    // As the next run's baseline it leaves nothing new.
    const next = gridfence(['lint', 'infra', '--baseline', file, '--rule', 'ingress-from-declared-sources'], repo);
    expect(next.code, next.stdout + next.stderr).toBe(0);
    fs.rmSync(file);
  });

  it('a reference git does not know is a usage error', () => {
    const r = gridfence(['lint', 'infra', '--diff-base', 'no-such-branch'], repo);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--diff-base: git merge-base no-such-branch HEAD failed/);
  });
});
