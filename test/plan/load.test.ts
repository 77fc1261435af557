/**
 * Plan JSON (`terraform show -json`): planned values as resources with places in the plan, unknowns
 * joined to the resources their configuration refers to, deletions left out, UTF-16 plans, errors at
 * their place, and plans beside their .tf sources (the sources are evaluated with the plan's variables).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { loadSystem } from '../../src/linter/load-system.js';
import { Unknown } from '../../src/model/value.js';
import { traversalSteps } from '../../src/loaders/address.js';
import { corpusDir, corpusNote, hasCorpus, repoRoot, writeTree } from '../support/files.js';
import { gridfence } from '../support/cli.js';

const SMALL = path.join(repoRoot, 'fixtures/plan/small/plan.json');
const smallText = fs.readFileSync(SMALL, 'utf8');

function load(p: string) {
  const sys = loadSystem({ paths: [p], cwd: repoRoot, vars: [], varFiles: [] });
  return sys;
}

/** The 1-based line of the first occurrence of a needle in the small plan. */
const lineOf = (needle: string): number => smallText.slice(0, smallText.indexOf(needle)).split('\n').length;

describe('plan JSON', () => {
  const sys = load(SMALL);
  const byAddress = new Map(sys.model.resources.map((r) => [r.address, r]));

  it('reads planned values of the root and child modules, and leaves out what the plan deletes', () => {
    expect(sys.problems).toEqual([]);
    expect([...byAddress.keys()]).toEqual([
      'aws_vpc.main',
      'aws_subnet.a[0]',
      'aws_subnet.a[1]',
      'aws_security_group.web',
      'aws_instance.web[0]',
      'aws_instance.web[1]',
      'module.edge.aws_internet_gateway.this',
      'module.edge.aws_route_table.public',
    ]);
    expect(byAddress.get('module.edge.aws_route_table.public')!.module).toBe('module.edge');
    expect(sys.model.roots).toEqual(['fixtures/plan/small/plan.json']);
  });

  it('points every resource and attribute at its place in the plan', () => {
    const subnet = byAddress.get('aws_subnet.a[1]')!;
    expect(subnet.span.file.path).toBe('fixtures/plan/small/plan.json');
    expect(subnet.span.file.position(subnet.span.start).line).toBe(lineOf('"address": "aws_subnet.a[1]"') - 1);
    const cidr = subnet.sources.get('cidr_block')!;
    expect(cidr.file.position(cidr.start).line).toBe(lineOf('"cidr_block": "10.20.1.0/24"'));
  });

  it('makes after_unknown attributes unknown, naming the resource their expression refers to', () => {
    const vpcId = byAddress.get('aws_subnet.a[0]')!.attributes['vpc_id'];
    expect(vpcId).toBeInstanceOf(Unknown);
    expect((vpcId as Unknown).ref).toBe('aws_vpc.main');
    expect((vpcId as Unknown).reason).toBe('aws_subnet.a[0].vpc_id (from aws_vpc.main) is known only after apply');
  });

  it('never guesses the instance an index expression picks: aws_subnet.a[count.index] and [count.index + 1] are written alike', () => {
    // The plan's references for both are ["aws_subnet.a", "count.index"]: the subnet is one of
    // aws_subnet.a's, not known which (it was taken to be the instance's own key, a guess that put
    // an instance in the wrong subnet and hid its findings).
    for (const address of ['aws_instance.web[0]', 'aws_instance.web[1]']) {
      const subnet = byAddress.get(address)!.attributes['subnet_id'] as Unknown;
      expect([subnet.ref, subnet.reason]).toEqual(['aws_subnet.a', `${address}.subnet_id (from aws_subnet.a) is known only after apply`]);
    }
    // Placed in no subnet of its own, the instance is in the zone of all the subnets it may be in,
    // and what reaches it is possible, never definite nor left out.
    const dir = writeTree({ 'plan.json': smallText, 'gridfence.yaml': 'version: 1\nzones:\n  web: { role: internal }\n' }, 'gridfence-plan-any-instance-');
    const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: ['management-access-restricted'] });
    expect(r.findings.filter((f) => f.message.includes('from the internet')).map((f) => `${f.certainty} ${f.message}`)).toEqual([
      'possible tcp/22 (SSH) on aws_instance.web[0] in zone web is reachable from the internet, which is not a management zone',
      'possible tcp/22 (SSH) on aws_instance.web[1] in zone web is reachable from the internet, which is not a management zone',
    ]);
    expect(r.errors.filter((e) => e.code === 'not-modelled').map((e) => e.message)).toEqual(
      ['aws_instance.web[0]', 'aws_instance.web[1]'].map((a) => `${a}: its subnet is one of the instances of aws_subnet.a, and which one is not known: flows to and from it are taken to go any way, and the findings on them are possible`),
    );
  });

  it('follows a module input variable to the caller\'s reference', () => {
    expect((byAddress.get('module.edge.aws_internet_gateway.this')!.attributes['vpc_id'] as Unknown).ref).toBe('aws_vpc.main');
  });

  it('turns an unknown list naming several resources into one unknown per resource (subnet_ids = [a.id, b.id])', () => {
    const plan = JSON.parse(smallText);
    plan.planned_values.root_module.resources.push({ address: 'aws_network_acl.core', mode: 'managed', type: 'aws_network_acl', name: 'core', values: {} });
    plan.resource_changes.push({ address: 'aws_network_acl.core', type: 'aws_network_acl', name: 'core', change: { actions: ['create'], after_unknown: { id: true, subnet_ids: true } } });
    plan.configuration.root_module.resources.push({ address: 'aws_network_acl.core', mode: 'managed', type: 'aws_network_acl', name: 'core', expressions: { subnet_ids: { references: ['aws_subnet.a[0].id', 'aws_subnet.a[0]', 'aws_subnet.a[1].id', 'aws_subnet.a[1]', 'aws_subnet.a'] } } });
    const dir = writeTree({ 'plan.json': JSON.stringify(plan) }, 'gridfence-plan-list-');
    const acl = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] }).model.resources.find((r) => r.address === 'aws_network_acl.core')!;
    expect((acl.attributes['subnet_ids'] as Unknown[]).map((u) => u.ref)).toEqual(['aws_subnet.a[0]', 'aws_subnet.a[1]']);
  });

  it('rebuilds literal blocks whose values wait for another id (a route to an internet gateway)', () => {
    const route = byAddress.get('module.edge.aws_route_table.public')!.attributes['route'] as Array<Record<string, unknown>>;
    expect(route).toHaveLength(1);
    expect(route[0]!['cidr_block']).toBe('0.0.0.0/0');
    expect((route[0]!['gateway_id'] as Unknown).ref).toBe('module.edge.aws_internet_gateway.this');
  });

  it('route blocks of a dynamic block, which the configuration does not render, stay as the plan has them', () => {
    // As Terraform 1.11 and the AWS provider write it: a `dynamic "route"` leaves `route` out of the
    // expressions; its for_each not known, the plan has one route whose values are unknown (a table
    // with no route blocks at all has `"route": true` instead, and no routes).
    const plan = JSON.parse(smallText);
    const table = plan.planned_values.root_module.child_modules[0].resources.find((r: { type: string }) => r.type === 'aws_route_table');
    table.values.route = [{ carrier_gateway_id: '', nat_gateway_id: '' }];
    const change = plan.resource_changes.find((r: { address: string }) => r.address === 'module.edge.aws_route_table.public').change;
    change.after_unknown = { id: true, vpc_id: true, route: [{ cidr_block: true, gateway_id: true }] };
    delete plan.configuration.root_module.module_calls.edge.module.resources.find((r: { type: string }) => r.type === 'aws_route_table').expressions.route;
    const dir = writeTree({ 'plan.json': JSON.stringify(plan) }, 'gridfence-plan-dynamic-route-');
    const route = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] }).model.resources.find((r) => r.address === 'module.edge.aws_route_table.public')!.attributes['route'] as Array<Record<string, unknown>>;
    expect(route).toHaveLength(1);
    expect([route[0]!['cidr_block'], route[0]!['gateway_id']].map((v) => (v as Unknown).reason)).toEqual([
      'module.edge.aws_route_table.public.route[0].cidr_block is known only after apply',
      'module.edge.aws_route_table.public.route[0].gateway_id is known only after apply',
    ]);
  });

  it('keeps known blocks as planned (security group rules)', () => {
    const ingress = byAddress.get('aws_security_group.web')!.attributes['ingress'] as Array<Record<string, unknown>>;
    expect(ingress[0]).toMatchObject({ protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: ['0.0.0.0/0'] });
  });

  it('a deposed object (create before destroy) neither removes the current object nor replaces its after_unknown', () => {
    const plan = JSON.parse(smallText);
    const i = plan.resource_changes.findIndex((r: { address: string }) => r.address === 'aws_subnet.a[0]');
    plan.resource_changes[i].change.actions = ['create', 'delete'];
    const deposed = (d: string) => ({ address: 'aws_subnet.a[0]', type: 'aws_subnet', name: 'a', index: 0, deposed: d, change: { actions: ['delete'], after_unknown: {} } });
    // Terraform writes the deposed entry after the current one; before it too, the answer is the same.
    plan.resource_changes.splice(i + 1, 0, deposed('00000001'));
    plan.resource_changes.splice(i, 0, deposed('00000002'));
    const dir = writeTree({ 'plan.json': JSON.stringify(plan) }, 'gridfence-plan-deposed-');
    const loaded = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] });
    expect(loaded.problems).toEqual([]);
    expect(loaded.model.resources.map((r) => r.address)).toEqual([...byAddress.keys()]);
    const vpcId = loaded.model.resources.find((r) => r.address === 'aws_subnet.a[0]')!.attributes['vpc_id'];
    expect(vpcId).toBeInstanceOf(Unknown);
    expect((vpcId as Unknown).ref).toBe('aws_vpc.main');
  });

  it('a resource\'s provider configuration is the one its configuration names (an alias, or a module\'s own name), as the HCL front end reads it', () => {
    const plan = {
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [
            { address: 'aws_subnet.a', mode: 'managed', type: 'aws_subnet', name: 'a', provider_name: 'registry.terraform.io/hashicorp/aws', values: { cidr_block: '10.0.1.0/24' } },
            { address: 'aws_vpc_block_public_access_options.osaka', mode: 'managed', type: 'aws_vpc_block_public_access_options', name: 'osaka', provider_name: 'registry.terraform.io/hashicorp/aws', values: { internet_gateway_block_mode: 'block-bidirectional' } },
          ],
          child_modules: [{ address: 'module.net', resources: [{ address: 'module.net.aws_vpc.v', mode: 'managed', type: 'aws_vpc', name: 'v', provider_name: 'registry.terraform.io/hashicorp/aws', values: { cidr_block: '10.1.0.0/16' } }] }],
        },
      },
      configuration: {
        root_module: {
          resources: [
            { address: 'aws_subnet.a', mode: 'managed', type: 'aws_subnet', name: 'a', provider_config_key: 'aws', expressions: {} },
            { address: 'aws_vpc_block_public_access_options.osaka', mode: 'managed', type: 'aws_vpc_block_public_access_options', name: 'osaka', provider_config_key: 'aws.osaka', expressions: {} },
          ],
          module_calls: { net: { source: './net', module: { resources: [{ address: 'aws_vpc.v', mode: 'managed', type: 'aws_vpc', name: 'v', provider_config_key: 'net:aws', expressions: {} }] } } },
        },
      },
    };
    const dir = writeTree({ 'plan.json': JSON.stringify(plan, null, 2) }, 'gridfence-plan-providers-');
    const loaded = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] });
    expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(loaded.model.resources.map((r) => `${r.address} ${r.provider}`)).toEqual(['aws_subnet.a aws', 'aws_vpc_block_public_access_options.osaka aws.osaka', 'module.net.aws_vpc.v aws']);
  });

  it('reads the configuration as JSON.parse would: of a key written twice the later counts, a part of another shape names nothing', () => {
    const planned = (extra: string) =>
      `"planned_values": {"root_module": {"resources": [
        {"address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc", "name": "main", "values": {"cidr_block": "10.0.0.0/16"}},
        {"address": "aws_subnet.a", "mode": "managed", "type": "aws_subnet", "name": "a", "values": {"cidr_block": "10.0.1.0/24"}}${extra}]}},
      "resource_changes": [{"address": "aws_subnet.a", "change": {"actions": ["create"], "after": {"cidr_block": "10.0.1.0/24"}, "after_unknown": {"vpc_id": true}}}]`;
    const subnet = (r: string) => `{"type": "aws_subnet", "name": "a", "expressions": {"vpc_id": {"references": ["${r}.id", "${r}"]}}}`;
    const refOf = (configuration: string, extra = '') => {
      const dir = writeTree({ 'plan.json': `{"format_version": "1.2", ${planned(extra)}, "configuration": ${configuration}}` }, 'gridfence-plan-config-');
      const loaded = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] });
      expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
      const v = loaded.model.resources.find((r) => r.address === 'aws_subnet.a')!.attributes['vpc_id'];
      expect(v).toBeInstanceOf(Unknown);
      return (v as Unknown).ref;
    };
    expect(refOf(`{"root_module": {"resources": [${subnet('aws_vpc.other')}]}, "root_module": {"resources": [${subnet('aws_vpc.main')}]}}`)).toBe('aws_vpc.main');
    expect(refOf(`{"root_module": {"resources": [${subnet('aws_vpc.main')}], "resources": []}}`)).toBeUndefined();
    expect(refOf(`{"root_module": {"resources": [${subnet('aws_vpc.main')}]}, "root_module": 5}`)).toBeUndefined();
    expect(refOf(`{"root_module": {"resources": {"a": ${subnet('aws_vpc.main')}}, "module_calls": 5, "outputs": []}}`)).toBeUndefined();
    // A resource type that is also a name of Object's prototype is a type like any other.
    expect(refOf(`{"root_module": {"resources": [${subnet('aws_vpc.main')}, {"type": "constructor", "name": "x", "expressions": {"ingress": {}}}]}}`, `,\n{"address": "constructor.x", "mode": "managed", "type": "constructor", "name": "x", "values": {}}`)).toBe('aws_vpc.main');
  });

  it('a resource that resource_changes plans to exist and planned_values leaves out is an error: the plan has been cut, not a system without it', () => {
    const plan = JSON.parse(smallText);
    const web = plan.resource_changes.find((r: { address: string }) => r.address === 'aws_instance.web[1]');
    web.change.after = { ami: 'ami-1', associate_public_ip_address: true };
    plan.planned_values.root_module.resources = plan.planned_values.root_module.resources.filter((r: { address: string }) => r.address !== 'aws_instance.web[1]');
    const dir = writeTree({ 'plan.json': JSON.stringify(plan, null, 1) }, 'gridfence-plan-cut-');
    const loaded = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] });
    expect(loaded.problems.map((p) => `${p.severity} ${p.code} ${p.message}`)).toEqual([
      'error plan "resource_changes" plans aws_instance.web[1] to exist, but "planned_values" does not hold it: the plan is incomplete (write it whole with `terraform show -json PLANFILE`)',
    ]);
    // A resource deleted, or an older (deposed) object, needs no place in planned_values.
    web.change.after = null;
    web.change.actions = ['delete'];
    const deleted = writeTree({ 'plan.json': JSON.stringify(plan) }, 'gridfence-plan-cut-');
    expect(loadSystem({ paths: [deleted], cwd: deleted, vars: [], varFiles: [] }).problems).toEqual([]);
  });

  it('reads references as traversals: instance keys holding dots or brackets are kept whole', () => {
    // Subnets keyed by CIDR, a module called with a key holding a dot: `aws_subnet.a["10.20.1.0/24"].id`
    // names that instance, never "aws_subnet.a[\"10".
    const text = smallText
      .replaceAll('aws_subnet.a[0]', 'aws_subnet.a[\\"10.20.0.0/24\\"]')
      .replaceAll('aws_subnet.a[1]', 'aws_subnet.a[\\"10.20.1.0/24\\"]')
      .replaceAll('"module.edge.', '"module.edge[\\"x.y]\\"].');
    const plan = JSON.parse(text);
    const web = plan.configuration.root_module.resources.find((r: { address: string }) => r.address === 'aws_instance.web');
    web.expressions.subnet_id = { references: ['aws_subnet.a["10.20.1.0/24"].id', 'aws_subnet.a["10.20.1.0/24"]', 'aws_subnet.a'] };
    plan.configuration.root_module.module_calls.edge.module.outputs = { igw: { expression: { references: ['aws_internet_gateway.this.id', 'aws_internet_gateway.this'] } } };
    plan.planned_values.root_module.resources.push({ address: 'aws_route.r', mode: 'managed', type: 'aws_route', name: 'r', values: { destination_cidr_block: '0.0.0.0/0' } });
    plan.resource_changes.push({ address: 'aws_route.r', type: 'aws_route', name: 'r', change: { actions: ['create'], after_unknown: { gateway_id: true } } });
    plan.configuration.root_module.resources.push({ address: 'aws_route.r', mode: 'managed', type: 'aws_route', name: 'r', expressions: { gateway_id: { references: ['module.edge["x.y]"].igw', 'module.edge["x.y]"]', 'module.edge'] } } });
    const dir = writeTree({ 'plan.json': JSON.stringify(plan) }, 'gridfence-plan-dotted-keys-');
    const loaded = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] });
    expect(loaded.problems).toEqual([]);
    const ref = (address: string, attr: string) => (loaded.model.resources.find((r) => r.address === address)!.attributes[attr] as Unknown).ref;
    expect([ref('aws_instance.web[0]', 'subnet_id'), ref('aws_instance.web[1]', 'subnet_id')]).toEqual(['aws_subnet.a["10.20.1.0/24"]', 'aws_subnet.a["10.20.1.0/24"]']);
    expect(ref('module.edge["x.y]"].aws_internet_gateway.this', 'vpc_id')).toBe('aws_vpc.main');
    expect(ref('aws_route.r', 'gateway_id')).toBe('module.edge["x.y]"].aws_internet_gateway.this');
  });

  it('splits a reference into traversal steps, quoted keys whole', () => {
    expect(traversalSteps('module.m["a.b\\"]"].out.x')).toEqual(['module', 'm', '["a.b\\"]"]', 'out', 'x']);
    expect(traversalSteps('data.aws_subnet.s[0].id')).toEqual(['data', 'aws_subnet', 's', '[0]', 'id']);
    expect(['aws_x.', 'aws_x.y["open', 'aws_x.y[]', '.a'].map(traversalSteps)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('finds and reads a UTF-16 plan with a byte-order mark alike, little- and big-endian', () => {
    const dir = writeTree({}, 'gridfence-plan-utf16-');
    const le = Buffer.from(smallText, 'utf16le');
    fs.writeFileSync(path.join(dir, 'le.json'), Buffer.concat([Buffer.from([0xff, 0xfe]), le]));
    fs.writeFileSync(path.join(dir, 'be.json'), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]));
    const utf16 = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] });
    expect(utf16.problems).toEqual([]);
    expect(utf16.model.roots).toEqual(['be.json', 'le.json']);
    expect(utf16.model.resources.map((r) => r.address)).toEqual([...byAddress.keys(), ...byAddress.keys()]);
  });

  it('keeps a nested attribute unknown that the plan leaves out of the values (after_unknown names it)', () => {
    const plan = JSON.parse(smallText);
    const sg = plan.planned_values.root_module.resources.find((r: { address: string }) => r.address === 'aws_security_group.web');
    delete sg.values.ingress[0].cidr_blocks;
    const change = plan.resource_changes.find((r: { address: string }) => r.address === 'aws_security_group.web').change;
    change.after_unknown = { ...change.after_unknown, ingress: [{ cidr_blocks: [true] }] };
    const dir = writeTree({ 'plan.json': JSON.stringify(plan) }, 'gridfence-plan-nested-');
    const web = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] }).model.resources.find((r) => r.address === 'aws_security_group.web')!;
    const cidrs = (web.attributes['ingress'] as Array<Record<string, unknown>>)[0]!['cidr_blocks'];
    expect(cidrs).toBeInstanceOf(Unknown);
    expect((cidrs as Unknown).reason).toMatch(/^aws_security_group\.web\.ingress\[0\]\.cidr_blocks .*known only after apply$/);
  });

  it('finds plans by content, whatever their name, and lint runs the rules on them', () => {
    const dir = writeTree({ 'out/whatever.json': smallText, 'gridfence.yaml': 'version: 1\nzones:\n  web: { role: internal }\n' }, 'gridfence-plan-');
    const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: ['ingress-from-declared-sources'] });
    expect(r.errors).toEqual([]);
    expect(r.findings.map((f) => `${f.ruleId} ${f.resource} ${f.location.file}:${f.location.line}`)).toEqual([
      `ingress-from-declared-sources aws_security_group.web out/whatever.json:${lineOf('"cidr_blocks": ["0.0.0.0/0"], "description": "", "from_port": 22')}`,
    ]);
  });

  const DEEP = '{ "format_version": "1.2", "terraform_version": "1.9.5", "planned_values": {}, "x": ';
  it('reports a broken or truncated plan at its place, an unsupported format and a plan file without planned values (or not an object)', () => {
    const dir = writeTree(
      {
        'a/plan.json': '{ "format_version": "1.2", "planned_values": { "root_module": { "resources": [ } } }',
        'b/plan.json': '{ "format_version": "2.0", "terraform_version": "9.0.0", "planned_values": {} }',
        'c/plan.json': '{ "format_version": "1.2", "terraform_version": "1.9.5", "resource_changes": [] }',
        'd/plan.json': '{ "format_version": "1.2", "terraform_version": "1.9.5",\n  "planned_values": [] }',
        // Cut inside a string: the error is where the text ends.
        'e/plan.json': smallText.slice(0, smallText.indexOf('"aws_subnet.a[1]"') + 8),
        'f/plan.json': `${DEEP}${'['.repeat(50000)}${']'.repeat(50000)} }`,
      },
      'gridfence-plan-bad-',
    );
    const bad = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] });
    expect(bad.problems.map((p) => `${p.location?.file}:${p.location?.line}:${p.location?.column} ${p.message}`)).toEqual([
      'a/plan.json:1:80 Invalid JSON: unexpected character "}"',
      'b/plan.json:1:21 Plan format 2.0 is not supported (0.x and 1.x are)',
      'c/plan.json:1:1 The plan has no "planned_values": write it with `terraform show -json PLANFILE` from a saved plan',
      'd/plan.json:2:21 "planned_values" must be a JSON object',
      `e/plan.json:${lineOf('"aws_subnet.a[1]"')}:${smallText.split('\n')[lineOf('"aws_subnet.a[1]"') - 1]!.indexOf('"aws_subnet.a[1]"') + 9} Invalid JSON: unterminated string`,
      // The object is the first level: the 1000th bracket is the first too deep.
      `f/plan.json:1:${DEEP.length + 1000} Invalid JSON: nested more than 1000 deep`,
    ]);
    expect(bad.problems.every((p) => p.severity === 'error' && p.code === 'plan')).toBe(true);
  });

  it('planned values of another shape than Terraform writes are errors at their place, never a plan of fewer resources', () => {
    const head = '{ "format_version": "1.2", "terraform_version": "1.9.5", "planned_values": ';
    const vpc = (values: string) => `{ "address": "aws_vpc.v", "mode": "managed", "type": "aws_vpc", "name": "v", "values": ${values} }`;
    const dir = writeTree(
      {
        'a/plan.json': `${head}{} }`,
        'b/plan.json': `${head}{ "root_module": { "resources": null } } }`,
        'c/plan.json': `${head}{ "root_module": { "resources": { "a": 1 } } } }`,
        'd/plan.json': `${head}{ "root_module": { "resources": [ ${vpc('"oops"')} ] } } }`,
        'e/plan.json': `${head}{ "root_module": { "resources": [ { "address": "aws_vpc.v" } ] } } }`,
        'f/plan.json': `${head}{ "root_module": { "child_modules": [ 5 ] } } }`,
        'g/plan.json': `${head}{ "root_module": { "resources": [ ${vpc('{ "cidr_block": "10.0.0.0/16" }')} ] } } }`,
        'h/plan.json': '{ "format_version": 1.2, "planned_values": { "root_module": {} } }',
      },
      'gridfence-plan-shape-',
    );
    const sys = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] });
    const col = (file: string, needle: string, text: string) => `${file}:1:${text.indexOf(needle) + 1}`;
    expect(sys.problems.map((p) => `${p.location?.file}:${p.location?.line}:${p.location?.column} ${p.message}`)).toEqual([
      `a/plan.json:1:${head.length + 1} "planned_values" has no "root_module"`,
      `${col('b/plan.json', 'null', `${head}{ "root_module": { "resources": null } } }`)} "resources" in planned_values must be a JSON array`,
      `${col('c/plan.json', '{ "a"', `${head}{ "root_module": { "resources": { "a": 1 } } } }`)} "resources" in planned_values must be a JSON array`,
      `${col('d/plan.json', '"oops"', `${head}{ "root_module": { "resources": [ ${vpc('"oops"')} ] } } }`)} The "values" of aws_vpc.v must be a JSON object`,
      `${col('e/plan.json', '{ "address"', `${head}{ "root_module": { "resources": [ { "address": "aws_vpc.v" } ] } } }`)} A resource of planned_values must have "address", "type" and "name" as text`,
      `${col('f/plan.json', '5 ]', `${head}{ "root_module": { "child_modules": [ 5 ] } } }`)} A module of planned_values must be a JSON object`,
      'h/plan.json:1:21 "format_version" must be text, as Terraform writes it ("1.2")',
    ]);
    expect(sys.model.resources.map((r) => r.address)).toEqual(['aws_vpc.v']);
  });

  it('beside its .tf sources, a plan lends its variable values and findings point into the sources', () => {
    const tf = `variable "admin_cidr" {
  type = string
}
resource "aws_security_group" "admin" {
  ingress {
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = [var.admin_cidr]
  }
}
`;
    const plan = JSON.stringify({ format_version: '1.2', terraform_version: '1.9.5', variables: { admin_cidr: { value: '0.0.0.0/0' } }, planned_values: { root_module: { resources: [] } } });
    const dir = writeTree({ 'main.tf': tf, 'plan.json': plan }, 'gridfence-plan-sources-');
    const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: ['ingress-from-declared-sources'] });
    expect(r.errors).toEqual([]);
    expect(r.findings.map((f) => `${f.resource} ${f.location.file}:${f.location.line} ${f.message}`)).toEqual([
      'aws_security_group.admin main.tf:9 aws_security_group.admin allows tcp/22 from 0.0.0.0/0, the whole internet',
    ]);
    // Named by itself, as a pre-deploy gate names it, the plan brings its sources: they were left out, and the run passed over nothing.
    const named = lint({ paths: [path.join(dir, 'plan.json')], cwd: dir, vars: [], varFiles: [], lang: 'en', only: ['ingress-from-declared-sources'] });
    expect(named.errors).toEqual([]);
    expect(named.findings.map((f) => `${f.resource} ${f.location.file}:${f.location.line} ${f.message}`)).toEqual([
      'aws_security_group.admin main.tf:9 aws_security_group.admin allows tcp/22 from 0.0.0.0/0, the whole internet',
    ]);
  });
});

describe('plan variables lent to their .tf sources', () => {
  const sg = (cidrs: string) => `resource "aws_security_group" "web" {
  ingress {
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ${cidrs}
  }
}
`;
  const planWith = (variables: Record<string, unknown>) =>
    JSON.stringify({ format_version: '1.2', terraform_version: '1.11.4', variables: Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, { value: v }])), planned_values: { root_module: {} } });
  const ingress = (dir: string) => {
    const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: ['ingress-from-declared-sources'] });
    return { errors: r.errors.map((e) => `${e.severity} ${e.message}`), findings: r.findings.map((f) => `${f.location.file}:${f.location.line} ${f.message}`) };
  };

  it('are the typed values the plan writes: a list stays a list, null stays null (not the text "null")', () => {
    const dir = writeTree(
      {
        'list/main.tf': `variable "admin_cidrs" {\n  default = ["10.0.0.0/8"]\n}\n${sg('var.admin_cidrs')}`,
        'list/plan.json': planWith({ admin_cidrs: ['0.0.0.0/0'] }),
        'null/main.tf': `variable "ssh_cidr" {\n  type    = string\n  default = "10.1.0.0/16"\n}\n${sg('var.ssh_cidr == null ? [] : [var.ssh_cidr]')}`,
        'null/plan.json': planWith({ ssh_cidr: null }),
      },
      'gridfence-plan-typed-vars-',
    );
    expect(ingress(dir)).toEqual({ errors: [], findings: ['list/main.tf:9 aws_security_group.web allows tcp/22 from 0.0.0.0/0, the whole internet'] });
  });

  it("are each plan's own root's: another root gets none, and no --var the user never passed is named", () => {
    const declared = `variable "ssh_cidr" {\n  type = string\n}\n${sg('[var.ssh_cidr]')}`;
    const dir = writeTree(
      {
        'a/main.tf': declared,
        'a/plan.json': planWith({ ssh_cidr: '0.0.0.0/0' }),
        'b/main.tf': declared,
        'b/plan.json': planWith({ ssh_cidr: '10.0.0.0/8' }),
        // No plan, and no such variable: it gets no value from a or b.
        'c/main.tf': sg('["10.2.0.0/16"]'),
      },
      'gridfence-plan-own-vars-',
    );
    expect(ingress(dir)).toEqual({
      errors: [],
      findings: ['a/main.tf:9 aws_security_group.web allows tcp/22 from 0.0.0.0/0, the whole internet', 'b/main.tf:9 aws_security_group.web allows tcp/22 from 10.0.0.0/8, wider than /16'],
    });
  });
});

describe.skipIf(!hasCorpus)(`the shared corpus's plans${corpusNote}`, () => {
  // Listed only where the corpus is: a clone without it has one skipped suite, not an empty one.
  const plans = hasCorpus ? fs.readdirSync(path.join(corpusDir, 'plan')).filter((f) => f.endsWith('.json')) : ['(none)'];
  it.each(plans.map((f) => [f]))('%s: read, exit 0 or 1 (2 only for the invalid one), no stack trace', (f) => {
    const r = gridfence(['lint', path.join(corpusDir, 'plan', f), '--format', 'json']);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    if (f.includes('invalid')) {
      expect(r.code).toBe(2);
      expect(JSON.parse(r.stdout).errors[0].message).toMatch(/^Invalid JSON/);
    } else {
      expect([0, 1]).toContain(r.code);
      expect(JSON.parse(r.stdout).errors.filter((e: { severity: string }) => e.severity === 'error')).toEqual([]);
    }
  });
});

describe('plan JSON: the place of every value, found when asked', () => {
  /** Each resource's index built whole (as an eager index was), beside one that is only asked. */
  const both = (dir: string) => {
    const asked = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] }).model.resources;
    const built = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] }).model.resources;
    return built.map((r, i) => ({ whole: [...r.sources], asked: asked[i]!.sources }));
  };

  it('answers every path of the small plan as the whole index has it, and nothing else', () => {
    const dir = path.dirname(SMALL);
    let paths = 0;
    for (const { whole, asked } of both(dir)) {
      for (const [k, span] of whole) {
        expect(asked.get(k), k).toEqual(span);
        paths++;
      }
      expect(asked.get('no_such_attribute')).toBeUndefined();
      expect(asked.get('tags[0]')).toBeUndefined();
    }
    expect(paths).toBeGreaterThan(40);
  });

  it('keys with dots and brackets, keys written twice, and values below an unknown', () => {
    const plan = JSON.parse(smallText);
    const vpc = plan.planned_values.root_module.resources.find((r: { address: string }) => r.address === 'aws_vpc.main');
    // "a.b" spelt by a key with a dot and by a nested key: the later one in the text wins, as when filled in order.
    vpc.values.tags = { 'a.b': 'dotted', a: { b: 'nested' }, 'c[0]': 'bracket', c: ['x'], 'k.z': 'first' };
    vpc.values.secret = { inner: { deep: 1 } };
    // An empty key: its members' paths have no dot before them.
    vpc.values[''] = { b: 'under the empty key', list: [7] };
    const change = plan.resource_changes.find((r: { address: string }) => r.address === 'aws_vpc.main').change;
    change.after_unknown = { ...change.after_unknown, secret: true };
    // A key written twice in the text: the later value is the one JSON.parse keeps.
    const text = JSON.stringify(plan).replace('"k.z":"first"', '"k.z":"first","k.z":"second"');
    const dir = writeTree({ 'plan.json': text }, 'gridfence-plan-keys-');
    const results = both(dir);
    for (const { whole, asked } of results) for (const [k, span] of whole) expect(asked.get(k), k).toEqual(span);
    const vpcIndex = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] }).model.resources.find((r) => r.address === 'aws_vpc.main')!.sources;
    const at = (k: string) => text.slice(vpcIndex.get(k)!.start, vpcIndex.get(k)!.end);
    expect([at('tags.a.b'), at('tags.c[0]'), at('tags.k.z'), at('secret')]).toEqual(['"nested"', '"x"', '"second"', '{"inner":{"deep":1}}']);
    expect(vpcIndex.get('secret.inner')).toBeUndefined();
    expect([at('b'), at('list[0]')]).toEqual(['"under the empty key"', '7']);
  });

  it('deleting or clearing an index not yet built acts on the whole index', () => {
    const sources = () => loadSystem({ paths: [path.dirname(SMALL)], cwd: repoRoot, vars: [], varFiles: [] }).model.resources.find((r) => r.address === 'aws_vpc.main')!.sources;
    const whole = [...sources().keys()];
    const deleted = sources();
    expect(deleted.delete('cidr_block')).toBe(true);
    expect([deleted.has('cidr_block'), deleted.size]).toEqual([false, whole.length - 1]);
    const cleared = sources();
    cleared.clear();
    expect([cleared.get('cidr_block'), cleared.size]).toEqual([undefined, 0]);
  });
});

describe('plan references through module outputs', () => {
  it('an attribute set from a module output refers to the resource the output names', () => {
    const dir = path.join(repoRoot, 'fixtures/unknown-parent/plan-module-output-parent');
    const sys = loadSystem({ paths: [path.join(dir, 'plan.json')], cwd: dir, vars: [], varFiles: [] });
    const rule = sys.model.resources.find((r) => r.address === 'aws_security_group_rule.ssh')!;
    const v = rule.attributes['security_group_id'];
    expect(v).toBeInstanceOf(Unknown);
    expect((v as Unknown).ref).toBe('module.sg.aws_security_group.web');
  });
});
