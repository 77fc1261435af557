/**
 * A small system that both report tests lint: a VPC in a zone, a security group open to the
 * internet, one inline and one configuration waiver, in a folder and file name with a space and
 * Japanese characters (paths must survive every report format).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fingerprint } from '../../src/linter/findings.js';
import type { LintResult } from '../../src/linter/lint.js';
import type { Finding } from '../../src/model/finding.js';
import type { Location } from '../../src/model/source.js';

export const SCRATCH_TF = `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
  tags       = { "gridfence-zone" = "dmz" }
}

resource "aws_security_group" "web" {
  name   = "web"
  vpc_id = aws_vpc.main.id
  tags   = { "gridfence-zone" = "dmz" }

  ingress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# gridfence:ignore:ingress-from-declared-sources public landing page, accepted by the CISO
resource "aws_security_group" "landing" {
  name   = "landing"
  vpc_id = aws_vpc.main.id
  tags   = { "gridfence-zone" = "dmz" }

  ingress {
    protocol    = "tcp"
    from_port   = 80
    to_port     = 80
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`;

/** Where the Terraform file lies, relative to the scratch folder's `sub/` working directory. */
export const SCRATCH_FILE = '../infra dir/ネットワーク.tf';

export function writeScratch(dir: string, tf = SCRATCH_TF): void {
  fs.mkdirSync(path.join(dir, 'sub'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'infra dir'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'gridfence.yaml'),
    ['version: 1', 'system: Scratch system', 'zones:', '  dmz: { role: buffer }', 'waivers:', '  - rule: flow-logs-enabled', '    resource: aws_vpc.main', '    reason: flow logs are collected centrally', '    expires: 2099-12-31', ''].join('\n'),
  );
  fs.writeFileSync(path.join(dir, 'infra dir', 'ネットワーク.tf'), tf);
}

/** A location in the hand-built path finding's file. */
export function pathLoc(line: number, column: number, endLine: number, endColumn: number): Location {
  return { file: 'infra/dispatch.tf', line, column, endLine, endColumn };
}

/**
 * A waived path finding with a trace and a flow, as reachability rules will report them; each
 * report test changes what it exercises (callers, a broken hop, certainty).
 */
export function pathFinding(changes: Partial<Finding> = {}): Finding {
  const data = { service: 'tcp/443', target: 'aws_instance.ven' };
  return {
    ruleId: 'dispatch-link-no-public-address',
    severity: 'error',
    clause: '(4)ア',
    messageId: 'publicPath',
    data,
    message: 'tcp/443 from the internet reaches aws_instance.ven (10.10.1.10) in zone dispatch',
    resource: 'aws_security_group.ven',
    location: pathLoc(12, 3, 17, 4),
    callers: [],
    related: [{ location: pathLoc(10, 1, 20, 2), message: 'resource aws_security_group.ven' }],
    trace: [
      { node: 'internet' },
      { node: 'aws_internet_gateway.main', step: 'route 0.0.0.0/0', location: pathLoc(30, 3, 30, 40) },
      { node: 'aws_subnet.dispatch_a', step: 'nacl allow rule 100' },
      { node: 'aws_instance.ven', step: 'security group aws_security_group.ven allows tcp/443 from 0.0.0.0/0', location: pathLoc(12, 3, 17, 4) },
    ],
    flow: { protocol: 'tcp', source: '0.0.0.0/0', destination: '10.10.1.10', ports: '443' },
    certainty: 'definite',
    unknowns: [],
    fingerprint: fingerprint('dispatch-link-no-public-address', 'aws_security_group.ven', 'publicPath', data),
    waived: true,
    waiver: { kind: 'config', reason: 'dispatch gateway re-homed in Q3', expires: '2026-09-30', location: { file: 'gridfence.yaml', line: 20, column: 5, endLine: 23, endColumn: 1 } },
    ...changes,
  };
}

/** A lint result holding only `finding` (waived, as pathFinding's is). */
export function withOnly(base: LintResult, finding: Finding): LintResult {
  return { ...base, findings: [finding], summary: { error: 0, warning: 0, note: 0, waived: 1, possible: 0 } };
}
