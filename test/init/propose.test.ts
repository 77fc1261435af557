/** proposeConfig: zones and externals guessed from the Terraform model, and a file that passes its own schema. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig, resolveZones, type GridfenceConfig } from '../../src/config/index.js';
import { proposeConfig, type Proposal } from '../../src/init/index.js';
import { zoneCandidates } from '../../src/loaders/terraform/zone-candidates.js';
import { repoRoot } from '../support/files.js';
import { errors, loadFiles, loadFixture } from '../support/load.js';

const REFERENCE = 'fixtures/terraform/reference-aws';
const EXAMPLE = 'examples/vpp-aggregator';

function zonesOf(config: GridfenceConfig): Record<string, string> {
  return Object.fromEntries(Object.entries(config.zones ?? {}).map(([name, z]) => [name, z.role]));
}

function externalsOf(config: GridfenceConfig): Array<{ role: string; cidrs: string[] }> {
  return Object.values(config.externals ?? {})
    .map((x) => ({ role: x.role, cidrs: [...(x.cidrs ?? [])].sort() }))
    .sort((a, b) => (a.role + a.cidrs.join()).localeCompare(b.role + b.cidrs.join()));
}

/** The text parses, passes the schema and checks with no problem at all, and says what `config` says. */
function expectValid(p: Proposal): GridfenceConfig {
  const loaded = parseConfig(p.text, 'gridfence.yaml');
  expect(loaded.problems).toEqual([]);
  expect(loaded.config).toEqual(p.config);
  return loaded.config!;
}

describe('proposeConfig on the reference system', () => {
  const tf = loadFixture(REFERENCE);
  const p = proposeConfig(tf, { system: 'reference-aws', source: REFERENCE });
  const own = loadConfig(path.join(repoRoot, REFERENCE, 'gridfence.yaml'));

  it('loads the fixture without errors', () => {
    expect(errors(tf)).toEqual([]);
    expect(own.config).toBeDefined();
  });

  it('proposes the zones and roles of the fixture’s own gridfence.yaml, in its order', () => {
    expect(zonesOf(p.config)).toEqual(zonesOf(own.config!));
    expect(Object.keys(p.config.zones!)).toEqual(Object.keys(own.config!.zones!));
    // The default tag selector places everything: no match needed.
    for (const z of Object.values(p.config.zones!)) expect(z.match).toBeUndefined();
    expect(p.zones.every((z) => z.from === 'tag' && z.roleSure)).toBe(true);
  });

  it('proposes the fixture’s externals: roles and prefixes', () => {
    expect(externalsOf(p.config)).toEqual(externalsOf(own.config!));
    expect(p.config.externals!['dispatch-system']).toEqual({
      role: 'dispatch-system',
      cidrs: ['203.0.113.10/32'],
      services: ['tcp/443'],
      transport: 'internet',
      'registered-sources': ['198.51.100.10/32'],
    });
    expect(p.config.externals!['corporate']).toEqual({ role: 'other', cidrs: ['172.16.0.0/16'] });
  });

  it('leaves the internet, link-local and in-VPC addresses out, and says so', () => {
    const all = Object.values(p.config.externals!).flatMap((x) => x.cidrs ?? []);
    expect(all).not.toContain('0.0.0.0/0');
    expect(all).not.toContain('169.254.169.123/32');
    expect(all).not.toContain('10.10.0.2/32');
    expect(p.text).toMatch(/^# - インターネット（0\.0\.0\.0\/0, ::\/0）は暗黙/m);
    expect(p.text).toMatch(/^#   the internet \(0\.0\.0\.0\/0, ::\/0\) is implicit/m);
    expect(p.text).toContain('169.254.169.123/32');
    expect(p.text).toContain('10.10.0.2/32 overlaps our own address space (aws_vpc.this)');
  });

  it('writes a file that passes its own schema and checks with no problem', () => {
    const config = expectValid(p);
    expect(config.system).toBe('reference-aws');
    // No resource in two zones, and every subnet placed.
    const res = resolveZones(config, zoneCandidates(tf.model.resources));
    expect(res.problems).toEqual([]);
    for (const r of tf.model.resources.filter((x) => x.type === 'aws_subnet')) expect(res.zoneOf.get(r.address)).toBeDefined();
  });

  it('marks every guess with a Japanese and an English comment that asks to confirm it', () => {
    const lines = p.text.split('\n');
    const ja = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s*# 推測: /.test(l));
    // system, 6 zones, 4 externals
    expect(ja).toHaveLength(1 + 6 + 4);
    for (const [l, i] of ja) {
      expect(l).toMatch(/— 要確認/);
      expect(lines[i + 1]).toMatch(/^\s*# guess: .* — confirm/);
    }
    expect(p.text).toContain('# 推測: タグ gridfence-zone=dispatch の付いたリソース');
    expect(p.text).toContain('role dispatch-link from the word "dispatch" in the name — confirm');
    // What cannot be guessed is left as a commented template.
    expect(p.text).toContain('# tls: { min-version: "1.2", mutual: true }');
    expect(p.text).toMatch(/# attestation: \{ confirmed: YYYY-MM-DD/);
  });

  it('is deterministic', () => {
    expect(proposeConfig(loadFixture(REFERENCE), { system: 'reference-aws', source: REFERENCE }).text).toBe(p.text);
  });
});

describe('proposeConfig without tags', () => {
  const untagged = `
resource "aws_vpc" "main" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_subnet" "dispatch" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.20.1.0/24"
}

resource "aws_subnet" "this" {
  for_each   = { dmz_a = "10.20.2.0/24", dmz_c = "10.20.3.0/24", app = "10.20.10.0/24", bastion = "10.20.250.0/24", misc = "10.20.99.0/24" }
  vpc_id     = aws_vpc.main.id
  cidr_block = each.value
}

resource "aws_instance" "ven" {
  ami                    = "ami-1"
  instance_type          = "t3.small"
  subnet_id              = aws_subnet.dispatch.id
  vpc_security_group_ids = [aws_security_group.ven.id]
}

resource "aws_security_group" "ven" {
  vpc_id = aws_vpc.main.id
  egress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["203.0.113.20/32"]
  }
  egress {
    protocol    = "udp"
    from_port   = 53
    to_port     = 53
    cidr_blocks = ["10.20.0.2/32"]
  }
}

resource "aws_instance" "bastion" {
  ami                    = "ami-1"
  instance_type          = "t3.small"
  subnet_id              = aws_subnet.this["bastion"].id
  vpc_security_group_ids = [aws_security_group.bastion.id]
}

resource "aws_security_group" "bastion" {
  vpc_id = aws_vpc.main.id
  ingress {
    description = "SSH from the corporate LAN"
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["172.16.0.0/16"]
  }
  ingress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["198.18.5.0/24"]
  }
}
`;
  const tf = loadFiles({ 'main.tf': untagged });
  const p = proposeConfig(tf);

  it('guesses zones from subnet names, with their addresses and prefixes', () => {
    expect(errors(tf)).toEqual([]);
    expect(p.config.zones).toEqual({
      dispatch: { role: 'dispatch-link', match: { addresses: ['aws_subnet.dispatch'], cidrs: ['10.20.1.0/24'] } },
      dmz: { role: 'buffer', match: { addresses: ['aws_subnet.this["dmz_a"]', 'aws_subnet.this["dmz_c"]'], cidrs: ['10.20.2.0/24', '10.20.3.0/24'] } },
      app: { role: 'internal', match: { addresses: ['aws_subnet.this["app"]'], cidrs: ['10.20.10.0/24'] } },
      misc: { role: 'internal', match: { addresses: ['aws_subnet.this["misc"]'], cidrs: ['10.20.99.0/24'] } },
      bastion: { role: 'management', match: { addresses: ['aws_subnet.this["bastion"]'], cidrs: ['10.20.250.0/24'] } },
    });
    expect(p.zones.find((z) => z.name === 'misc')).toMatchObject({ from: 'name', roleSure: false });
    expect(p.zones.find((z) => z.name === 'dispatch')).toMatchObject({ from: 'name', roleSure: true });
    expect(p.text).toContain('# guess: no gridfence-zone tag: from the subnet key "misc"; no word in the name hints at a role: internal assumed (choose the role) — confirm (weak guess)');
    expect(p.confirm).toContain('zone misc: the role internal is a weak guess — choose the right role');
  });

  it('places the attached resources through the subnets', () => {
    const config = expectValid(p);
    const res = resolveZones(config, zoneCandidates(tf.model.resources));
    expect(res.problems).toEqual([]);
    expect(res.zoneOf.get('aws_instance.ven')).toBe('dispatch');
    expect(res.zoneOf.get('aws_security_group.ven')).toBe('dispatch');
    expect(res.zoneOf.get('aws_security_group.bastion')).toBe('bastion');
  });

  it('guesses the dispatch system from the dispatch link’s egress, and other networks from rule words', () => {
    expect(p.config.externals).toEqual({
      'dispatch-system': { role: 'dispatch-system', cidrs: ['203.0.113.20/32'], services: ['tcp/443'] },
      corporate: { role: 'other', cidrs: ['172.16.0.0/16'] },
      other: { role: 'other', cidrs: ['198.18.5.0/24'] },
    });
    expect(p.externals.find((x) => x.name === 'corporate')).toMatchObject({ roleSure: true });
    expect(p.externals.find((x) => x.name === 'other')).toMatchObject({ roleSure: false });
    expect(p.confirm).toContain('external other (198.18.5.0/24): the role other is a weak guess — choose the right role');
    // No NAT route is known: the registered sources are left to fill in.
    expect(p.text).toContain('# registered-sources: ["198.51.100.10/32"]   # 要記入');
  });
});

describe('proposeConfig on values AWS refuses', () => {
  it('a rule whose protocol is a mapping or a list names no service, and the proposal is still valid', () => {
    const tf = loadFiles({
      'main.tf': `
resource "aws_subnet" "dispatch" {
  vpc_id     = "vpc-1"
  cidr_block = "10.40.1.0/24"
}
resource "aws_security_group" "ven" {
  vpc_id = "vpc-1"
  egress {
    protocol    = {}
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["203.0.113.20/32"]
  }
  egress {
    protocol    = ["tcp"]
    from_port   = 8443
    to_port     = 8443
    cidr_blocks = ["203.0.113.21/32"]
  }
}
resource "aws_instance" "ven" {
  ami                    = "ami-1"
  subnet_id              = aws_subnet.dispatch.id
  vpc_security_group_ids = [aws_security_group.ven.id]
}
`,
    });
    const p = proposeConfig(tf);
    expectValid(p);
    expect(p.config.externals?.['dispatch-system']).toEqual({ role: 'dispatch-system', cidrs: ['203.0.113.20/32', '203.0.113.21/32'] });
  });

  it('a network ACL entry whose action is a mapping or a list allows nothing to propose', () => {
    const tf = loadFiles({
      'main.tf': `
resource "aws_network_acl" "n" {
  vpc_id = "vpc-1"
  ingress {
    rule_no    = 1
    action     = {}
    protocol   = "tcp"
    from_port  = 22
    to_port    = 22
    cidr_block = "172.16.0.0/16"
  }
}
resource "aws_network_acl_rule" "r" {
  network_acl_id = aws_network_acl.n.id
  rule_number    = 2
  rule_action    = []
  egress         = false
  protocol       = "tcp"
  cidr_block     = "172.17.0.0/16"
}
`,
    });
    const p = proposeConfig(tf);
    expectValid(p);
    expect(p.config.externals ?? {}).toEqual({});
  });
});

describe('proposeConfig with tags on some resources only', () => {
  it('adds untagged subnets by name, to a tagged zone of the same name or a zone of their own', () => {
    const tf = loadFiles({
      'main.tf': `
resource "aws_subnet" "dmz" {
  vpc_id     = "vpc-1"
  cidr_block = "10.30.2.0/24"
  tags       = { "gridfence-zone" = "dmz" }
}
resource "aws_subnet" "dmz_c" {
  vpc_id     = "vpc-1"
  cidr_block = "10.30.3.0/24"
}
resource "aws_subnet" "mgmt" {
  vpc_id     = "vpc-1"
  cidr_block = "10.30.250.0/24"
}
`,
    });
    const p = proposeConfig(tf);
    expectValid(p);
    expect(p.config.zones).toEqual({
      dmz: { role: 'buffer', match: { addresses: ['aws_subnet.dmz_c'], cidrs: ['10.30.3.0/24'] } },
      mgmt: { role: 'management', match: { addresses: ['aws_subnet.mgmt'], cidrs: ['10.30.250.0/24'] } },
    });
    expect(p.zones.find((z) => z.name === 'dmz')!.from).toBe('tag');
  });

  it('selects by address only when a guessed prefix would put a tagged resource in two zones', () => {
    const tf = loadFiles({
      'main.tf': `
resource "aws_subnet" "app" {
  vpc_id     = "vpc-1"
  cidr_block = "10.40.1.0/24"
}
resource "aws_instance" "relay" {
  ami           = "ami-1"
  instance_type = "t3.small"
  subnet_id     = aws_subnet.app.id
  private_ip    = "10.40.1.5"
  tags          = { "gridfence-zone" = "dmz" }
}
`,
    });
    const p = proposeConfig(tf);
    const config = expectValid(p);
    expect(config.zones!['app']).toEqual({ role: 'internal', match: { addresses: ['aws_subnet.app'] } });
    expect(resolveZones(config, zoneCandidates(tf.model.resources)).problems).toEqual([]);
  });

  it('notes tag values that cannot be zone names instead of writing an invalid file', () => {
    const tf = loadFiles({
      'main.tf': `
resource "aws_subnet" "a" {
  vpc_id     = "vpc-1"
  cidr_block = "10.50.1.0/24"
  tags       = { "gridfence-zone" = "Dispatch Link" }
}
resource "aws_subnet" "b" {
  vpc_id     = "vpc-1"
  cidr_block = "10.50.2.0/24"
  tags       = { "gridfence-zone" = "internet" }
}
`,
    });
    const p = proposeConfig(tf);
    expectValid(p);
    expect(p.config.zones ?? {}).not.toHaveProperty('internet');
    expect(p.text).toContain('tag gridfence-zone="Dispatch Link" cannot name a zone');
    expect(p.text).toContain('tag gridfence-zone="internet" cannot name a zone');
  });

  it('writes a valid file that says so when nothing can be guessed', () => {
    const tf = loadFiles({ 'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n' });
    const p = proposeConfig(tf);
    expect(expectValid(p)).toEqual({ version: 1 });
    expect(p.text).toContain('# No zone could be guessed.');
    expect(p.confirm).toContain('no zone could be guessed: tag resources with gridfence-zone or add zones with match');
  });
});

const exampleDir = path.join(repoRoot, EXAMPLE);
const hasExample = fs.existsSync(exampleDir);

describe(`proposeConfig on the bundled example ${EXAMPLE}${hasExample ? '' : ' (skipped: the example does not exist yet)'}`, () => {
  it.skipIf(!hasExample)('proposes the zones the example really has', () => {
    const tf = loadFixture(EXAMPLE);
    expect(errors(tf)).toEqual([]);
    const p = proposeConfig(tf, { system: 'vpp-aggregator' });
    const config = expectValid(p);
    const ownFile = path.join(exampleDir, 'gridfence.yaml');
    // The example's own gridfence.yaml when it is there; until then, the zones its author announced.
    const expected = fs.existsSync(ownFile)
      ? zonesOf(loadConfig(ownFile).config!)
      : { dispatch: 'dispatch-link', dmz: 'buffer', core: 'internal', ops: 'management', ra: 'partner-ingress', der: 'der-ingress' };
    expect(zonesOf(config)).toEqual(expected);
    expect(resolveZones(config, zoneCandidates(tf.model.resources)).problems).toEqual([]);
  });
});
