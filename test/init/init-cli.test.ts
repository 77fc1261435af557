/** `gridfence init` end to end: writes a valid starter file, never overwrites without --force, and lint accepts it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, type GridfenceConfig } from '../../src/config/index.js';
import { gridfence } from '../support/cli.js';
import { repoRoot } from '../support/files.js';

const REFERENCE = 'fixtures/terraform/reference-aws';
const EXAMPLE = 'examples/vpp-aggregator';

/** A copy of a project folder in a fresh temporary directory, without its gridfence.yaml. */
function copyWithoutConfig(rel: string): { dir: string; own?: GridfenceConfig } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gridfence-init-'));
  const dir = path.join(root, path.basename(rel));
  fs.cpSync(path.join(repoRoot, rel), dir, { recursive: true });
  const file = path.join(dir, 'gridfence.yaml');
  let own: GridfenceConfig | undefined;
  if (fs.existsSync(file)) {
    own = loadConfig(file).config;
    fs.rmSync(file);
  }
  return own ? { dir, own } : { dir };
}

function roles(config: GridfenceConfig): Record<string, string> {
  return Object.fromEntries(Object.entries(config.zones ?? {}).map(([name, z]) => [name, z.role]));
}

/** lint with the proposed file: no configuration error, no input error (exit 0 or 1, never 2). */
function expectLintAccepts(dir: string, extra: string[] = []): void {
  const r = gridfence(['lint', '.', '--format', 'json', ...extra], dir);
  expect(r.stderr).toBe('');
  const j = JSON.parse(r.stdout);
  expect(j.errors.filter((e: { code: string }) => e.code === 'config')).toEqual([]);
  expect(j.errors.filter((e: { severity: string }) => e.severity === 'error')).toEqual([]);
  expect(r.code).not.toBe(2);
}

describe('gridfence init', () => {
  it('writes the reference system’s zones to gridfence.yaml, and lint runs with it', () => {
    const { dir, own } = copyWithoutConfig(REFERENCE);
    const r = gridfence(['init'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Wrote gridfence\.yaml: 6 zones, 4 external networks\.$/m);
    expect(r.stdout).toMatch(/^ {2}dispatch {2}dispatch-link {4}tag gridfence-zone=dispatch, \d+ resources$/m);
    expect(r.stdout).toMatch(/^ {2}dispatch-system {2}dispatch-system {2}203\.0\.113\.10\/32$/m);
    expect(r.stdout).toContain('Then run: gridfence lint .');

    const written = loadConfig(path.join(dir, 'gridfence.yaml'));
    expect(written.problems).toEqual([]);
    expect(roles(written.config!)).toEqual(roles(own!));
    expect(written.config!.system).toBe('reference-aws');
    expectLintAccepts(dir);
  });

  it('takes PATH, and never overwrites an existing gridfence.yaml without --force (exit 2)', () => {
    const { dir } = copyWithoutConfig(REFERENCE);
    const cwd = path.dirname(dir);
    const file = path.join(dir, 'gridfence.yaml');
    fs.writeFileSync(file, 'version: 1\n# mine\n');
    const r = gridfence(['init', 'reference-aws'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('gridfence: reference-aws/gridfence.yaml already exists; init does not overwrite it (use --force to replace it)\n');
    expect(r.stdout).toBe('');
    expect(fs.readFileSync(file, 'utf8')).toBe('version: 1\n# mine\n');

    const forced = gridfence(['init', 'reference-aws', '--force'], cwd);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/^Wrote reference-aws\/gridfence\.yaml: 6 zones/m);
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^# gridfence\.yaml — `gridfence init` がこのディレクトリの Terraform から推測した初期設定です。\n/);
    expect(loadConfig(file).problems).toEqual([]);
  });

  it('treats .gridfence.yaml alike, and --force replaces it under its own name', () => {
    const { dir } = copyWithoutConfig(REFERENCE);
    const hidden = path.join(dir, '.gridfence.yaml');
    fs.writeFileSync(hidden, 'version: 1\n');
    const r = gridfence(['init'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.gridfence.yaml already exists; init does not overwrite it (use --force to replace it)');
    expect(fs.existsSync(path.join(dir, 'gridfence.yaml'))).toBe(false);

    expect(gridfence(['init', '--force'], dir).code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'gridfence.yaml'))).toBe(false);
    expect(loadConfig(hidden).config!.zones).toHaveProperty('dispatch');
    expectLintAccepts(dir);
  });

  it('writes to --output, which it does not overwrite either', () => {
    const { dir } = copyWithoutConfig(REFERENCE);
    const r = gridfence(['init', '--output', 'proposed.yaml'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Then run: gridfence lint . --config proposed.yaml');
    expect(fs.existsSync(path.join(dir, 'gridfence.yaml'))).toBe(false);
    expect(loadConfig(path.join(dir, 'proposed.yaml')).problems).toEqual([]);
    const again = gridfence(['init', '--output', 'proposed.yaml'], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('proposed.yaml already exists');
    expectLintAccepts(dir, ['--config', 'proposed.yaml']);
  });

  it('does not write through a link that holds the name, even one whose target is missing', () => {
    const { dir } = copyWithoutConfig(REFERENCE);
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'gridfence-init-target-'));
    fs.symlinkSync(path.join(elsewhere, 'gridfence.yaml'), path.join(dir, 'gridfence.yaml'));
    fs.symlinkSync(path.join(elsewhere, 'proposed.yaml'), path.join(dir, 'proposed.yaml'));
    const r = gridfence(['init'], dir);
    expect([r.code, r.stderr]).toEqual([2, 'gridfence: gridfence.yaml already exists; init does not overwrite it (use --force to replace it)\n']);
    expect(gridfence(['init', '--output', 'proposed.yaml'], dir).code).toBe(2);
    expect(fs.readdirSync(elsewhere)).toEqual([]);
  });

  it('applies --var like lint', () => {
    const { dir } = copyWithoutConfig(REFERENCE);
    expect(gridfence(['init', '--var', 'tso_vtn_cidr=203.0.113.99/32'], dir).code).toBe(0);
    const config = loadConfig(path.join(dir, 'gridfence.yaml')).config!;
    expect(config.externals!['dispatch-system']!.cidrs).toEqual(['203.0.113.99/32']);
  });

  it('exits 2 on a missing path or inputs that do not load, and writes nothing', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gridfence-init-'));
    const missing = gridfence(['init', 'no/such/dir'], root);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no/such/dir: no such file or directory');

    fs.writeFileSync(path.join(root, 'main.tf'), 'resource "aws_vpc" "v" {\n  cidr_block = \n');
    const broken = gridfence(['init'], root);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^main\.tf:\d+:\d+: error: /m);
    expect(broken.stderr).toContain('nothing was written');
    expect(broken.stderr).not.toMatch(/\n\s+at .*\.(ts|js):\d+/);
    expect(fs.existsSync(path.join(root, 'gridfence.yaml'))).toBe(false);
  });

  it('guesses zones from subnet names when nothing is tagged', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gridfence-init-'));
    fs.writeFileSync(
      path.join(root, 'main.tf'),
      [
        'resource "aws_vpc" "main" {\n  cidr_block = "10.60.0.0/16"\n}',
        'resource "aws_subnet" "ven" {\n  vpc_id     = aws_vpc.main.id\n  cidr_block = "10.60.1.0/24"\n}',
        'resource "aws_subnet" "relay" {\n  vpc_id     = aws_vpc.main.id\n  cidr_block = "10.60.2.0/24"\n}',
        'resource "aws_subnet" "ops" {\n  vpc_id     = aws_vpc.main.id\n  cidr_block = "10.60.250.0/24"\n}',
      ].join('\n\n') + '\n',
    );
    const r = gridfence(['init'], root);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}ven {4}dispatch-link {4}subnet names \(1 subnet\), 1 resource$/m);
    expect(r.stdout).toContain("zone ven: guessed from subnet names, not tags — check which resources it selects (gridfence inventory)");
    const config = loadConfig(path.join(root, 'gridfence.yaml')).config!;
    expect(roles(config)).toEqual({ ven: 'dispatch-link', relay: 'buffer', ops: 'management' });
    expect(config.zones!['ven']!.match).toEqual({ addresses: ['aws_subnet.ven'], cidrs: ['10.60.1.0/24'] });
    expectLintAccepts(root);
  });

  it('judges roots that declare the same address apart, as lint does (envs/dev and envs/prod)', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gridfence-init-'));
    const vpc = (cidr: string, zone: string) => `resource "aws_vpc" "main" {\n  cidr_block = "${cidr}"\n  tags = { "gridfence-zone" = "${zone}" }\n}\n`;
    const subnet = (cidr: string) => `resource "aws_subnet" "app" {\n  vpc_id     = aws_vpc.main.id\n  cidr_block = "${cidr}"\n}\n`;
    fs.mkdirSync(path.join(root, 'envs/dev'), { recursive: true });
    fs.mkdirSync(path.join(root, 'envs/prod'), { recursive: true });
    fs.writeFileSync(path.join(root, 'envs/dev/main.tf'), vpc('10.0.0.0/16', 'core') + subnet('10.0.1.0/24'));
    fs.writeFileSync(path.join(root, 'envs/prod/main.tf'), vpc('10.1.0.0/16', 'dispatch') + subnet('10.1.1.0/24'));
    const r = gridfence(['init'], root);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // Each VPC is one resource of its zone, and each subnet inherits its own VPC's zone.
    expect(r.stdout).toMatch(/^ {2}dispatch +dispatch-link +tag gridfence-zone=dispatch, 2 resources$/m);
    expect(r.stdout).toMatch(/^ {2}core +internal +tag gridfence-zone=core, 2 resources$/m);
    const config = loadConfig(path.join(root, 'gridfence.yaml')).config!;
    expect(roles(config)).toEqual({ dispatch: 'dispatch-link', core: 'internal' });
    expectLintAccepts(root);
  });
});

const hasExample = fs.existsSync(path.join(repoRoot, EXAMPLE));

describe(`gridfence init on the bundled example ${EXAMPLE}${hasExample ? '' : ' (skipped: the example does not exist yet)'}`, () => {
  it.skipIf(!hasExample)('proposes the zones the example really has, and lint runs with the proposed file', () => {
    const { dir, own } = copyWithoutConfig(EXAMPLE);
    const r = gridfence(['init'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const written = loadConfig(path.join(dir, 'gridfence.yaml'));
    expect(written.problems).toEqual([]);
    // The example's own gridfence.yaml when it is there; until then, the zones its author announced.
    const expected = own
      ? roles(own)
      : { dispatch: 'dispatch-link', dmz: 'buffer', core: 'internal', ops: 'management', ra: 'partner-ingress', der: 'der-ingress' };
    expect(roles(written.config!)).toEqual(expected);
    expectLintAccepts(dir);
  });
});
