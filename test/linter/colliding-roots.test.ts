/**
 * Roots of one run that declare the same address (envs/dev and envs/prod with the same code): each
 * root's resources are judged against its own, never passed because of another root's resource of
 * that address, and every finding points into the root it is about. Roots that share no address are
 * still analysed together.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { loadSystem } from '../../src/linter/load-system.js';
import { gridfence } from '../support/cli.js';
import { repoRoot, writeTree } from '../support/files.js';

const VPC = 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n';
const FLOW_LOG = '\nresource "aws_flow_log" "main" {\n  vpc_id       = aws_vpc.main.id\n  traffic_type = "ALL"\n}\n';

/** A VPC with a public subnet and an instance in it, whose group lets tcp/22 in from `source`. */
const bastion = (source: string) => `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_internet_gateway" "gw" {
  vpc_id = aws_vpc.main.id
}

resource "aws_subnet" "web" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}

resource "aws_route_table" "web" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.gw.id
  }
}

resource "aws_route_table_association" "web" {
  subnet_id      = aws_subnet.web.id
  route_table_id = aws_route_table.web.id
}

resource "aws_security_group" "admin" {
  vpc_id = aws_vpc.main.id
  ingress {
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["${source}"]
  }
}

resource "aws_instance" "bastion" {
  ami                         = "ami-12345678"
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.web.id
  associate_public_ip_address = true
  vpc_security_group_ids      = [aws_security_group.admin.id]
}
`;

const run = (dir: string, paths: string[], only: string[]) => {
  const r = lint({ paths, cwd: dir, vars: [], varFiles: [], lang: 'en', only });
  return { errors: r.errors.filter((e) => e.severity === 'error'), findings: r.findings.map((f) => `${f.ruleId} ${f.resource} ${f.location.file}:${f.location.line}:${f.location.column}`), fingerprints: r.findings.map((f) => f.fingerprint), certainties: r.findings.map((f) => f.certainty) };
};

describe('roots that declare the same address', () => {
  it('a VPC without a flow log is reported although another root\'s VPC of its address has one, whether the roots are given by their parent or one by one', () => {
    const dir = writeTree({ 'envs/dev/main.tf': VPC, 'envs/prod/main.tf': VPC + FLOW_LOG });
    for (const paths of [['envs'], ['envs/dev', 'envs/prod']]) {
      const r = run(dir, paths, ['flow-logs-enabled']);
      expect(r.errors).toEqual([]);
      expect(r.findings).toEqual(['flow-logs-enabled aws_vpc.main envs/dev/main.tf:1:1']);
    }
    const cli = gridfence(['lint', 'envs', '--rule', 'flow-logs-enabled', '--format', 'json'], dir);
    expect(cli.code).toBe(1);
    expect(JSON.parse(cli.stdout).findings.map((f: { location: { file: string } }) => f.location.file)).toEqual(['envs/dev/main.tf']);
  });

  it('a path rule judges each root on its own graph: the root that lets ssh in from the internet is reported, at its own file only', () => {
    const only = ['management-access-restricted', 'dispatch-link-internet-isolation'];
    for (const [open, closed] of [['dev', 'prod'], ['prod', 'dev']]) {
      const dir = writeTree({ [`envs/${open}/main.tf`]: bastion('0.0.0.0/0'), [`envs/${closed}/main.tf`]: bastion('10.0.0.0/8') });
      const r = run(dir, ['envs'], only);
      expect(r.errors).toEqual([]);
      expect(r.findings).toEqual([
        `dispatch-link-internet-isolation aws_security_group.admin envs/${open}/main.tf:29:3`,
        `management-access-restricted aws_security_group.admin envs/${open}/main.tf:29:3`,
      ]);
    }
  });

  it('findings alike in both roots are reported once per root, with fingerprints of their own', () => {
    const dir = writeTree({ 'envs/dev/main.tf': VPC, 'envs/prod/main.tf': VPC });
    const r = run(dir, ['envs'], ['flow-logs-enabled']);
    expect(r.findings).toEqual(['flow-logs-enabled aws_vpc.main envs/dev/main.tf:1:1', 'flow-logs-enabled aws_vpc.main envs/prod/main.tf:1:1']);
    expect(new Set(r.fingerprints).size).toBe(2);
  });

  it('roots that share no address still analyse together, beside two that do: the plans of two stacks join, and each is reported once', () => {
    const split = path.join(repoRoot, 'fixtures/plan/split');
    const tagged = 'resource "aws_vpc" "edge" {\n  cidr_block = "10.9.0.0/16"\n  tags = { "gridfence-zone" = "dispatch" }\n}\n';
    const edgeLog = '\nresource "aws_flow_log" "edge" {\n  vpc_id       = aws_vpc.edge.id\n  traffic_type = "ALL"\n}\n';
    const dir = writeTree({
      'gridfence.yaml': fs.readFileSync(path.join(split, 'gridfence.yaml'), 'utf8'),
      'stacks/compute.json': fs.readFileSync(path.join(split, 'compute.json'), 'utf8'),
      'stacks/network.json': fs.readFileSync(path.join(split, 'network.json'), 'utf8'),
      'envs/dev/main.tf': tagged,
      'envs/prod/main.tf': tagged + edgeLog,
    });
    const sys = loadSystem({ paths: ['.'], cwd: dir, vars: [], varFiles: [] });
    expect(sys.parts.map((p) => [...p.roots].sort())).toEqual([
      ['envs/dev', 'stacks/compute.json', 'stacks/network.json'],
      ['envs/prod', 'stacks/compute.json', 'stacks/network.json'],
    ]);
    const r = run(dir, ['.'], ['dispatch-link-internet-isolation', 'flow-logs-enabled']);
    expect(r.errors).toEqual([]);
    // The instance of compute.json sits in network.json's subnet by its id: a certain path, as when
    // the plans are linted alone (test/plan/known-ids.test.ts).
    expect(r.findings).toEqual([
      'flow-logs-enabled aws_vpc.edge envs/dev/main.tf:1:1',
      'dispatch-link-internet-isolation aws_security_group.ven stacks/compute.json:18:15',
      'flow-logs-enabled aws_vpc.main stacks/network.json:7:9',
    ]);
    expect(r.certainties).toEqual(['definite', 'definite', 'definite']);
  });

  it('a waiver in one template\'s metadata covers that template\'s resource only, not another\'s of the same address (templates of one name in two folders)', () => {
    const template = (metadata: object) => JSON.stringify({
      Resources: {
        Web: {
          Type: 'AWS::EC2::SecurityGroup',
          Metadata: metadata,
          Properties: { GroupDescription: 'web', VpcId: 'vpc-0123456789abcdef0', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }] },
        },
      },
    }, null, 2);
    const dir = writeTree({
      'stacks/dev/stack.json': template({ gridfence: { ignore: [{ rule: 'ingress-from-declared-sources', reason: 'public landing page, accepted by the CISO' }] } }),
      'stacks/prod/stack.json': template({}),
    });
    const r = lint({ paths: ['stacks'], cwd: dir, vars: [], varFiles: [], lang: 'en', only: ['ingress-from-declared-sources'] });
    expect(r.findings.map((f) => `${f.location.file} ${f.resource} ${f.waived ? 'waived' : 'open'}`)).toEqual(['stacks/dev/stack.json stack.Web waived', 'stacks/prod/stack.json stack.Web open']);
  });

  it('an address in three roots puts each in a part of its own; a root that collides with none joins each', () => {
    const other = 'resource "aws_vpc" "other" {\n  cidr_block = "10.1.0.0/16"\n}\n';
    const dir = writeTree({ 'envs/dev/main.tf': VPC, 'envs/prod/main.tf': VPC + FLOW_LOG, 'envs/stage/main.tf': VPC, 'shared/main.tf': other });
    const sys = loadSystem({ paths: ['.'], cwd: dir, vars: [], varFiles: [] });
    expect(sys.parts.map((p) => p.roots)).toEqual([['envs/dev', 'shared'], ['envs/prod', 'shared'], ['envs/stage', 'shared']]);
    const r = run(dir, ['.'], ['flow-logs-enabled']);
    expect(r.findings).toEqual(['flow-logs-enabled aws_vpc.main envs/dev/main.tf:1:1', 'flow-logs-enabled aws_vpc.main envs/stage/main.tf:1:1', 'flow-logs-enabled aws_vpc.other shared/main.tf:1:1']);
  });

  it('without a colliding address, a run of several roots is one part', () => {
    const dir = writeTree({ 'envs/dev/main.tf': VPC, 'envs/prod/other.tf': 'resource "aws_vpc" "other" {\n  cidr_block = "10.1.0.0/16"\n}\n' });
    const sys = loadSystem({ paths: ['envs'], cwd: dir, vars: [], varFiles: [] });
    expect(sys.parts).toHaveLength(1);
    expect(sys.parts[0]!.resources).toBe(sys.model.resources);
  });
});

describe('gridfence path and inventory with roots that declare the same address', () => {
  it('path refuses a name that several roots declare, and answers for a resource one root holds in that root\'s graph', () => {
    const dir = writeTree({ 'envs/dev/main.tf': bastion('0.0.0.0/0'), 'envs/prod/main.tf': bastion('10.0.0.0/8') + '\nresource "aws_instance" "extra" {\n  ami                    = "ami-12345678"\n  subnet_id              = aws_subnet.web.id\n  vpc_security_group_ids = [aws_security_group.admin.id]\n}\n' });
    const ambiguous = gridfence(['path', 'envs', '--from', 'internet', '--to', 'aws_instance.bastion', '--port', '22'], dir);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toBe('gridfence path: "aws_instance.bastion" is declared in several roots of this run (envs/dev, envs/prod): give one of them (envs/dev, envs/prod) on its own\n');
    const zoneOnly = gridfence(['path', 'envs', '--from', 'internet', '--to', '10.0.1.0/24'], dir);
    expect(zoneOnly.code).toBe(2);
    expect(zoneOnly.stderr).toMatch(/^gridfence path: the roots envs\/dev, envs\/prod declare the same addresses/);
    // prod's group admits ssh from 10.0.0.0/8 only: the internet does not reach prod's instance.
    const prod = gridfence(['path', 'envs', '--from', 'internet', '--to', 'aws_instance.extra', '--port', '22', '--format', 'json'], dir);
    expect(prod.code).toBe(0);
    const alone = gridfence(['path', 'envs/prod', '--from', 'internet', '--to', 'aws_instance.extra', '--port', '22', '--format', 'json'], dir);
    expect(JSON.parse(prod.stdout)).toEqual(JSON.parse(alone.stdout));
  });

  it('inventory lists both resources of an address, each with its own root\'s zone', () => {
    const zoned = (zone: string) => `resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n  tags = { "gridfence-zone" = "${zone}" }\n}\n\nresource "aws_subnet" "a" {\n  vpc_id     = aws_vpc.main.id\n  cidr_block = "10.0.1.0/24"\n}\n`;
    const dir = writeTree({ 'gridfence.yaml': 'version: 1\nzones:\n  corp: { role: internal }\n  ops: { role: management }\n', 'envs/dev/main.tf': zoned('corp'), 'envs/prod/main.tf': zoned('ops') });
    const r = gridfence(['inventory', 'envs', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.resources.map((x: { address: string; zone: string; location: { file: string } }) => `${x.address} ${x.location.file} ${x.zone}`)).toEqual([
      'aws_vpc.main envs/dev/main.tf corp',
      'aws_subnet.a envs/dev/main.tf corp',
      'aws_vpc.main envs/prod/main.tf ops',
      'aws_subnet.a envs/prod/main.tf ops',
    ]);
  });
});
