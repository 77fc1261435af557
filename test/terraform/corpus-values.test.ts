/**
 * Real-world Terraform from the shared corpus (../shared/corpus/terraform), checked value by value.
 *
 * Every expected value below was derived by hand from the corpus code (module inputs, locals,
 * lookup tables, count/for_each, type constraints) and Terraform's documented rules, not copied
 * from gridfence's output. Where the expression is pure, it was also evaluated with the real
 * Terraform CLI (v1.11.4, `terraform console`, offline): the module's variables.tf (and rules.tf)
 * copied into a scratch local module, the resource arguments rewritten as outputs with
 * count.index/each.value replaced by a for expression, data-source and registry-module values
 * replaced by placeholder strings, and the example's module arguments passed unchanged. Those
 * cases say "checked with terraform console".
 *
 * gridfence reports configuration values as Terraform evaluates the expressions, before any
 * provider schema coerces them (no provider schemas are loaded): `from_port = "10"` from a
 * list(map(string)) variable stays the string "10".
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTerraform, type TerraformLoadResult } from '../../src/loaders/terraform/load.js';
import type { ModelResource } from '../../src/model/resource.js';
import { toJSON, Unknown, type Value } from '../../src/model/value.js';
import { corpusDir, corpusNote, hasCorpus } from '../support/files.js';

const tfCorpus = path.join(corpusDir, 'terraform');

/**
 * Loads `sub` (a folder, or a file to load just its folder) of a corpus repository; the repository
 * folder is the working directory and the sandbox, so an example's `../../` stays inside it.
 */
function load(repo: string, sub: string, vars: Record<string, string> = {}): TerraformLoadResult {
  const root = path.join(tfCorpus, repo);
  return loadTerraform({
    paths: [path.join(root, sub)],
    cwd: root,
    scanRoot: root,
    vars: Object.entries(vars).map(([name, value]) => ({ name, value })),
    varFiles: [],
  });
}

/** Loads once, on first use (the corpus may be absent: nothing is read while collecting tests). */
function lazy<T>(f: () => T): () => T {
  let v: T | undefined;
  return () => (v ??= f());
}

function res(r: TerraformLoadResult, address: string): ModelResource {
  const found = r.model.resources.filter((x) => x.address === address);
  if (found.length !== 1) throw new Error(`${found.length} resources ${address}; have ${r.model.resources.map((x) => x.address).join(', ')}`);
  return found[0]!;
}

/** Evaluated attributes as plain JSON (Unknown becomes {"$unknown": reason}). */
function attrs(r: TerraformLoadResult, address: string): Record<string, unknown> {
  return toJSON(res(r, address).attributes) as Record<string, unknown>;
}

/** The raw value of an attribute, for Unknown checks. */
function raw(r: TerraformLoadResult, address: string, name: string): Value | undefined {
  return res(r, address).attributes[name];
}

function expectUnknown(v: Value | undefined, reason: RegExp): void {
  expect(v).toBeInstanceOf(Unknown);
  expect((v as Unknown).reason).toMatch(reason);
}

/** Addresses of the resources of one type (optionally under a module prefix), in model order. */
function addressesOf(r: TerraformLoadResult, type: string, prefix = ''): string[] {
  return r.model.resources.filter((x) => x.type === type && x.address.startsWith(prefix)).map((x) => x.address);
}

function errorsOf(r: TerraformLoadResult): string[] {
  return r.problems.filter((p) => p.severity === 'error').map((p) => `${p.location?.file}:${p.location?.line}: ${p.message}`);
}

/** The bracketed list that follows `name = [` in a corpus file (for passing an example's own inputs as --var). */
function hclListAfter(file: string, name: string): string {
  const text = fs.readFileSync(file, 'utf8');
  const at = text.indexOf(`${name} = [`);
  if (at < 0) throw new Error(`no "${name} = [" in ${file}`);
  const start = text.indexOf('[', at);
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '[') depth++;
    else if (text[i] === ']' && --depth === 0) return text.slice(start, i + 1);
  }
  throw new Error(`unbalanced list after "${name}" in ${file}`);
}

// ---------------------------------------------------------------------------------------------
// terraform-aws-modules/terraform-aws-security-group
// ---------------------------------------------------------------------------------------------

describe.skipIf(!hasCorpus)(`terraform-aws-security-group examples/complete${corpusNote}`, () => {
  const r = lazy(() => load('terraform-aws-security-group', 'examples/complete'));

  it('evaluates without errors; only the registry VPC module is reported as not fetched', () => {
    expect(errorsOf(r())).toEqual([]);
    expect(r().model.roots).toEqual(['examples/complete']);
    expect(r().problems.map((p) => p.code)).toEqual(['tf-remote-module']);
  });

  it('module.complete_sg.aws_security_group.this_name_prefix[0]: name_prefix, merged tags, timeouts', () => {
    const a = 'module.complete_sg.aws_security_group.this_name_prefix[0]';
    // use_name_prefix defaults to true: count = local.create && var.create_sg && var.use_name_prefix ? 1 : 0
    // gives this_name_prefix one instance and `this` none (count = 0 creates no instance; language doc "count").
    expect(addressesOf(r(), 'aws_security_group', 'module.complete_sg.')).toEqual([a]);
    expect(res(r(), a).callers[0]!.file.path).toBe('examples/complete/main.tf');
    // "${var.name}-" (template interpolation); merge(): later maps win, keys from all (function doc "merge");
    // timeouts from create_timeout/delete_timeout given in the call. Checked with terraform console.
    expect(attrs(r(), a)).toMatchObject({
      name_prefix: 'complete-sg-',
      description: 'Security group with all available arguments set (this is just an example)',
      revoke_rules_on_delete: false,
      tags: { Name: 'complete-sg', Cash: 'king', Department: 'kingdom' },
      timeouts: [{ create: '15m', delete: '45m' }],
    });
    // vpc_id = data.aws_vpc.default.id: a data source attribute is known only after it is read.
    expectUnknown(raw(r(), a, 'vpc_id'), /data\.aws_vpc\.default\.id/);
  });

  it('module.fixed_name_sg.aws_security_group.this[0]: use_name_prefix = false selects the named group', () => {
    // count = ... && !var.use_name_prefix ? 1 : 0 → this[0] exists, this_name_prefix has no instance.
    // tags = merge({ Name = format("%s", var.name) }, var.tags = {}); timeouts are the variable defaults 10m/15m.
    // Checked with terraform console.
    expect(addressesOf(r(), 'aws_security_group', 'module.fixed_name_sg.')).toEqual(['module.fixed_name_sg.aws_security_group.this[0]']);
    expect(attrs(r(), 'module.fixed_name_sg.aws_security_group.this[0]')).toMatchObject({
      name: 'fixed-name-sg',
      tags: { Name: 'fixed-name-sg' },
      timeouts: [{ create: '10m', delete: '15m' }],
    });
  });

  it('module.complete_sg.aws_security_group_rule.ingress_with_cidr_blocks[0]: split/compact and lookup defaults', () => {
    const a = attrs(r(), 'module.complete_sg.aws_security_group_rule.ingress_with_cidr_blocks[0]');
    // compact(split(",", "0.0.0.0/0,2.2.2.2/32")) (function docs "split", "compact"); no "description" key, so
    // lookup() returns its default "Ingress Rule" (function doc "lookup"). Checked with terraform console.
    expect(a['cidr_blocks']).toEqual(['0.0.0.0/0', '2.2.2.2/32']);
    expect(a['description']).toBe('Ingress Rule');
    expect(a['type']).toBe('ingress');
    // protocol: rules["postgresql-tcp"][2] = "tcp" (rules.tf). Checked with terraform console.
    expect(a['protocol']).toBe('tcp');
  });

  // `variable "rules" { type = map(list(any)) }`: Terraform picks a single type for `any` and converts every element to it (type-constraints doc,
  // "Dynamic Types: The any Constraint"), so rules["postgresql-tcp"] = ["5432","5432","tcp","PostgreSQL"];
  // and lookup() on a map(string) converts its default to the element type. from_port is the string "5432".
  // terraform console: `type(var.rules)` → map(list(string)); the rule's from_port → "5432".
  it('module.complete_sg.aws_security_group_rule.ingress_with_cidr_blocks[0]: from_port/to_port from rules.tf are strings', () => {
    const a = attrs(r(), 'module.complete_sg.aws_security_group_rule.ingress_with_cidr_blocks[0]');
    expect([a['from_port'], a['to_port']]).toEqual(['5432', '5432']);
  });

  it('module.complete_sg.aws_security_group_rule.ingress_with_cidr_blocks[2]: list(map(string)) turns numbers into strings', () => {
    // count.index = 2 picks the third map; the variable is list(map(string)), so from_port = 10, to_port = 20,
    // protocol = 6 become "10", "20", "6" (type-constraints doc: conversion of primitive types; number → string).
    // Checked with terraform console.
    expect(attrs(r(), 'module.complete_sg.aws_security_group_rule.ingress_with_cidr_blocks[2]')).toMatchObject({
      from_port: '10',
      to_port: '20',
      protocol: '6',
      description: 'Service name',
      cidr_blocks: ['10.10.0.0/20'],
    });
  });

  it('module.complete_sg.aws_security_group_rule.ingress_rules[0]: default CIDRs and the rule description', () => {
    // count = length(["https-443-tcp"]) = 1; cidr_blocks/ipv6_cidr_blocks are the module-wide defaults;
    // description = rules["https-443-tcp"][3] = "HTTPS". Checked with terraform console.
    expect(addressesOf(r(), 'aws_security_group_rule', 'module.complete_sg.aws_security_group_rule.ingress_rules')).toEqual([
      'module.complete_sg.aws_security_group_rule.ingress_rules[0]',
    ]);
    expect(attrs(r(), 'module.complete_sg.aws_security_group_rule.ingress_rules[0]')).toMatchObject({
      cidr_blocks: ['10.10.0.0/16'],
      ipv6_cidr_blocks: ['2001:db8::/64'],
      prefix_list_ids: [],
      description: 'HTTPS',
      protocol: 'tcp',
    });
  });

  // rules is map(list(any)), so rules["https-443-tcp"][0] is "443", not 443.
  // terraform console: var.rules["https-443-tcp"] → tolist(["443","443","tcp","HTTPS"]).
  it('module.complete_sg.aws_security_group_rule.ingress_rules[0]: from_port/to_port are "443"', () => {
    const a = attrs(r(), 'module.complete_sg.aws_security_group_rule.ingress_rules[0]');
    expect([a['from_port'], a['to_port']]).toEqual(['443', '443']);
  });

  it('module.complete_sg.aws_security_group_rule.ingress_with_self[1]: self = true becomes "true"', () => {
    // ingress_with_self is list(map(string)): self = true → "true", from_port = 30 → "30" (bool/number → string).
    // Checked with terraform console.
    expect(attrs(r(), 'module.complete_sg.aws_security_group_rule.ingress_with_self[1]')).toMatchObject({
      self: 'true',
      from_port: '30',
      to_port: '40',
      protocol: '6',
      description: 'Service name',
    });
    // [0] is { rule = "all-all" }: description falls back to "Ingress Rule", protocol rules["all-all"][2] = "-1".
    expect(attrs(r(), 'module.complete_sg.aws_security_group_rule.ingress_with_self[0]')).toMatchObject({ description: 'Ingress Rule', protocol: '-1' });
  });

  // lookup(map(string), "self", true) returns the default converted to the map's element
  // type, "true" (Terraform's lookup returns the map element type; the default must convert to it).
  // terraform console: lookup(var.ingress_with_self[0], "self", true) → "true" (and from_port → "-1").
  it('module.complete_sg.aws_security_group_rule.ingress_with_self[0]: lookup default true is converted to "true"', () => {
    const a = attrs(r(), 'module.complete_sg.aws_security_group_rule.ingress_with_self[0]');
    expect([a['self'], a['from_port'], a['to_port']]).toEqual(['true', '-1', '-1']);
  });

  it('module.complete_sg.aws_security_group_rule.ingress_with_source_security_group_id[1]: explicit ports, unknown source group', () => {
    // Second map of the list: from_port/to_port/protocol given (as strings, list(map(string))); description given.
    // Checked with terraform console.
    const a = 'module.complete_sg.aws_security_group_rule.ingress_with_source_security_group_id[1]';
    expect(attrs(r(), a)).toMatchObject({ from_port: '10', to_port: '10', protocol: '6', description: 'Service name' });
    // source_security_group_id = data.aws_security_group.default.id: data source attribute → unknown.
    expectUnknown(raw(r(), a, 'source_security_group_id'), /data\.aws_security_group\.default\.id/);
  });

  it('module.complete_sg.aws_security_group_rule.egress_with_cidr_blocks[1]: egress description default', () => {
    // { rule = "https-443-tcp", cidr_blocks = "30.30.30.30/32" }: lookup default "Egress Rule"; protocol "tcp".
    // Checked with terraform console.
    expect(attrs(r(), 'module.complete_sg.aws_security_group_rule.egress_with_cidr_blocks[1]')).toMatchObject({
      type: 'egress',
      cidr_blocks: ['30.30.30.30/32'],
      description: 'Egress Rule',
      protocol: 'tcp',
    });
  });

  it('module.complete_sg.aws_security_group_rule.computed_ingress_with_cidr_blocks[0]: a registry-module output stays unknown', () => {
    // cidr_blocks = compact(split(",", "3.3.3.3/32,${module.vpc.vpc_cidr_block}")): module "vpc" comes from the
    // registry (not vendored), so its output is unknown; a template with an unknown part is unknown, and split()
    // of an unknown string is an unknown list.
    const a = 'module.complete_sg.aws_security_group_rule.computed_ingress_with_cidr_blocks[0]';
    expectUnknown(raw(r(), a, 'cidr_blocks'), /module\.vpc\.vpc_cidr_block/);
    // The rest is known: number_of_computed_ingress_with_cidr_blocks = 2 is a literal count.
    expect(attrs(r(), a)).toMatchObject({ description: 'Ingress Rule', protocol: 'tcp' });
    expect(addressesOf(r(), 'aws_security_group_rule', 'module.complete_sg.aws_security_group_rule.computed_ingress_with_cidr_blocks')).toHaveLength(2);
  });

  it('module.only_rules.aws_security_group_rule.ingress_with_source_security_group_id[0]: create_sg = false uses the given id', () => {
    const a = 'module.only_rules.aws_security_group_rule.ingress_with_source_security_group_id[0]';
    // create_sg = false: no aws_security_group in module.only_rules at all.
    expect(addressesOf(r(), 'aws_security_group', 'module.only_rules.')).toEqual([]);
    // description given in the map; protocol from rules["http-80-tcp"][2]. Checked with terraform console.
    expect(attrs(r(), a)).toMatchObject({ description: 'http from service one', protocol: 'tcp', type: 'ingress' });
    // security_group_id = local.this_sg_id = var.security_group_id = module.complete_sg.security_group_id,
    // an output built from aws_security_group.this_name_prefix[0].id: known only after apply.
    expectUnknown(raw(r(), a, 'security_group_id'), /module\.complete_sg\.aws_security_group\.this_name_prefix\[0\]\.id/);
  });
});

describe.skipIf(!hasCorpus)(`terraform-aws-security-group examples/http (modules/http-80 → ../../)${corpusNote}`, () => {
  const r = lazy(() => load('terraform-aws-security-group', 'examples/http'));

  it('module.http_mysql_1_sg.module.sg.aws_security_group_rule.ingress_rules[1]: sorted rule names pick MySQL', () => {
    // ingress_rules = sort(compact(distinct(concat(["http-80-tcp"], ["mysql-tcp"], [""])))) = ["http-80-tcp", "mysql-tcp"]
    // (function docs "concat", "distinct", "compact", "sort": lexical order), so [1] is mysql-tcp.
    // Checked with terraform console.
    const a = 'module.http_mysql_1_sg.module.sg.aws_security_group_rule.ingress_rules[1]';
    expect(errorsOf(r())).toEqual([]);
    expect(res(r(), a).callers.map((c) => c.file.path)).toEqual(['examples/http/main.tf', 'modules/http-80/main.tf']);
    expect(attrs(r(), a)).toMatchObject({ description: 'MySQL/Aurora', protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'], ipv6_cidr_blocks: [] });
    expect(attrs(r(), 'module.http_mysql_1_sg.module.sg.aws_security_group_rule.ingress_rules[0]')).toMatchObject({ description: 'HTTP' });
  });

  // map(list(any)) unified to strings (see above): from_port = rules["mysql-tcp"][0] = "3306".
  // terraform console: module.http_mysql_1_sg...ingress_rules[1].from_port → "3306".
  it('module.http_mysql_1_sg.module.sg.aws_security_group_rule.ingress_rules[1]: from_port is "3306"', () => {
    expect(attrs(r(), 'module.http_mysql_1_sg.module.sg.aws_security_group_rule.ingress_rules[1]')['from_port']).toBe('3306');
  });

  it('module.http_mysql_1_sg.module.sg.aws_security_group.this[0]: fixed name passed through two module levels', () => {
    // use_name_prefix = false in the example → http-80 → ../../ ; checked with terraform console.
    expect(attrs(r(), 'module.http_mysql_1_sg.module.sg.aws_security_group.this[0]')).toMatchObject({
      name: 'http-mysql-1',
      tags: { Name: 'http-mysql-1' },
    });
  });

  it('module.http_with_egress_sg.module.sg.aws_security_group_rule.egress_rules[0]: auto egress rule with the given CIDR', () => {
    // auto_egress_rules = ["all-all"] (auto_values.tf); egress_cidr_blocks = ["10.10.10.0/28"], ipv6 [] from the call.
    // Checked with terraform console.
    expect(attrs(r(), 'module.http_with_egress_sg.module.sg.aws_security_group_rule.egress_rules[0]')).toMatchObject({
      type: 'egress',
      cidr_blocks: ['10.10.10.0/28'],
      ipv6_cidr_blocks: [],
      description: 'All protocols',
      protocol: '-1',
    });
  });

  it('module.http_mysql_2_sg.module.sg.aws_security_group_rule.ingress_rules[1]: a data-source CIDR inside a known list', () => {
    // ingress_cidr_blocks = [data.aws_vpc.default.cidr_block]: the list has one element, which is unknown.
    const cidrs = raw(r(), 'module.http_mysql_2_sg.module.sg.aws_security_group_rule.ingress_rules[1]', 'cidr_blocks') as Value[];
    expect(cidrs).toHaveLength(1);
    expectUnknown(cidrs[0], /data\.aws_vpc\.default\.cidr_block/);
  });
});

// ---------------------------------------------------------------------------------------------
// terraform-aws-modules/terraform-aws-vpc
// ---------------------------------------------------------------------------------------------

describe.skipIf(!hasCorpus)(`terraform-aws-vpc module root with IPAM/IPv6 inputs${corpusNote}`, () => {
  // The module folder itself as the root module, with inputs a user would pass as --var: the IPv4 layout of
  // examples/ipam (module "vpc_ipam_set_cidr"), the IPv6 prefixes of examples/ipv6-dualstack, and an explicit
  // /56 from an IPAM pool (variable "ipv6_cidr": "Can be set explicitly"). With the IPv6 CIDR known, the module's
  // own cidrsubnet() calls can be evaluated. (The examples themselves derive their subnets from
  // data.aws_availability_zones, which no static evaluation can know; see the network-acls case below.)
  const r = lazy(() =>
    load('terraform-aws-vpc', 'main.tf', {
      name: 'ex-ipam-dualstack',
      use_ipam_pool: 'true',
      ipv4_ipam_pool_id: 'ipam-pool-0a1b2c3d4e5f6a7b8',
      cidr: '10.1.0.0/16',
      ipv6_ipam_pool_id: 'ipam-pool-0f9e8d7c6b5a4f3e2',
      ipv6_cidr: '2001:db8:1200::/56',
      enable_ipv6: 'true',
      azs: '["eu-west-1a", "eu-west-1b", "eu-west-1c"]',
      private_subnets: '["10.1.1.0/24", "10.1.2.0/24", "10.1.3.0/24"]',
      public_subnets: '["10.1.11.0/24", "10.1.12.0/24", "10.1.13.0/24"]',
      public_subnet_ipv6_prefixes: '[0, 1, 2]',
      private_subnet_ipv6_prefixes: '[3, 4, 5]',
    }),
  );

  it('aws_vpc.this[0]: IPAM pool instead of a literal CIDR', () => {
    expect(errorsOf(r())).toEqual([]);
    expect(r().model.roots).toEqual(['.']);
    // cidr_block = var.use_ipam_pool ? null : var.cidr → null; assign_generated_ipv6_cidr_block =
    // var.enable_ipv6 && !var.use_ipam_pool ? true : null → null. Checked with terraform console.
    expect(attrs(r(), 'aws_vpc.this[0]')).toMatchObject({
      cidr_block: null,
      assign_generated_ipv6_cidr_block: null,
      ipv6_cidr_block: '2001:db8:1200::/56',
      ipv4_ipam_pool_id: 'ipam-pool-0a1b2c3d4e5f6a7b8',
      tags: { Name: 'ex-ipam-dualstack' },
    });
  });

  it('aws_subnet.public[1]: count.index element, cidrsubnet of the VPC /56, AZ by regex', () => {
    // cidr_block = element(concat(var.public_subnets, [""]), count.index) = "10.1.12.0/24" (function doc "element").
    // ipv6_cidr_block = cidrsubnet(aws_vpc.this[0].ipv6_cidr_block, 8, var.public_subnet_ipv6_prefixes[1]):
    // the prefix list is list(string) so the netnum is "1", converted back to a number; /56 + 8 bits = /64,
    // network number 1 → 2001:db8:1200:1::/64 (function doc "cidrsubnet"). The reference reads the planned
    // value of an argument set in configuration (var.ipv6_cidr), which is known.
    // availability_zone: regexall("^[a-z]{2}-", "eu-west-1b") has one match → the name; _id → null.
    // tags.Name: try(var.public_subnet_names[1], …) fails on the empty list and falls back to
    // format("${var.name}-public-%s", "eu-west-1b") (function doc "try"). Checked with terraform console.
    expect(addressesOf(r(), 'aws_subnet', 'aws_subnet.public')).toEqual(['aws_subnet.public[0]', 'aws_subnet.public[1]', 'aws_subnet.public[2]']);
    expect(attrs(r(), 'aws_subnet.public[1]')).toMatchObject({
      cidr_block: '10.1.12.0/24',
      ipv6_cidr_block: '2001:db8:1200:1::/64',
      availability_zone: 'eu-west-1b',
      availability_zone_id: null,
      enable_dns64: true,
      ipv6_native: false,
      assign_ipv6_address_on_creation: false,
      tags: { Name: 'ex-ipam-dualstack-public-eu-west-1b' },
    });
  });

  it('aws_subnet.private[2]: netnum 5 of the /56', () => {
    // cidrsubnet("2001:db8:1200::/56", 8, "5") = "2001:db8:1200:5::/64"; element(private_subnets, 2).
    // Checked with terraform console.
    expect(attrs(r(), 'aws_subnet.private[2]')).toMatchObject({
      cidr_block: '10.1.3.0/24',
      ipv6_cidr_block: '2001:db8:1200:5::/64',
      availability_zone: 'eu-west-1c',
    });
  });
});

describe.skipIf(!hasCorpus)(`terraform-aws-vpc examples${corpusNote}`, () => {
  const simple = lazy(() => load('terraform-aws-vpc', 'examples/simple'));
  const acls = lazy(() => load('terraform-aws-vpc', 'examples/network-acls'));
  const v6only = lazy(() => load('terraform-aws-vpc', 'examples/ipv6-only'));
  const issues = lazy(() => load('terraform-aws-vpc', 'examples/issues'));

  it('examples/simple module.vpc.aws_default_network_acl.this[0]: dynamic ingress/egress from a list(map(string)) default', () => {
    const a = attrs(simple(), 'module.vpc.aws_default_network_acl.this[0]');
    // dynamic "ingress" { for_each = var.default_network_acl_ingress } makes one block per list element
    // (language doc "dynamic Blocks"); the variable is list(map(string)), so rule_no/from_port/to_port are
    // strings, and lookup(…, "cidr_block", null) on the second map, which has no such key, is null.
    // Checked with terraform console.
    const ruleAll4 = { action: 'allow', cidr_block: '0.0.0.0/0', from_port: '0', icmp_code: null, icmp_type: null, ipv6_cidr_block: null, protocol: '-1', rule_no: '100', to_port: '0' };
    const ruleAll6 = { action: 'allow', cidr_block: null, from_port: '0', icmp_code: null, icmp_type: null, ipv6_cidr_block: '::/0', protocol: '-1', rule_no: '101', to_port: '0' };
    expect(a['ingress']).toEqual([ruleAll4, ruleAll6]);
    expect(a['egress']).toEqual([ruleAll4, ruleAll6]);
    // Name = coalesce(null, "${var.name}-default") with var.name = "ex-${basename(path.cwd)}": path.cwd is unknown.
    expectUnknown((res(simple(), 'module.vpc.aws_default_network_acl.this[0]').attributes['tags'] as Record<string, Value>)['Name'], /path\.cwd/);
  });

  it('examples/network-acls module.vpc.aws_vpc.this[0]: vpc_tags override the Name tag in merge()', () => {
    const a = attrs(acls(), 'module.vpc.aws_vpc.this[0]');
    // tags = merge({ Name = var.name }, var.tags, var.vpc_tags): later arguments win, so Name = "vpc-name"
    // (function doc "merge"); enable_ipv6 = true and no IPAM → assign_generated_ipv6_cidr_block = true.
    // Checked with terraform console.
    expect(a).toMatchObject({ cidr_block: '10.0.0.0/16', assign_generated_ipv6_cidr_block: true, instance_tenancy: 'default' });
    expect(a['tags']).toMatchObject({ Name: 'vpc-name', GithubRepo: 'terraform-aws-vpc', GithubOrg: 'terraform-aws-modules' });
    // tags.Example = local.name = "ex-${basename(path.cwd)}": unknown.
    expectUnknown((res(acls(), 'module.vpc.aws_vpc.this[0]').attributes['tags'] as Record<string, Value>)['Example'], /path\.cwd/);
  });

  it('examples/network-acls module.vpc.aws_network_acl_rule.public_inbound[*]: count depends on a data source', () => {
    // public_subnets = [for k, v in local.azs : cidrsubnet(...)] with local.azs = slice(data.aws_availability_zones
    // .available.names, 0, 3): a for expression over an unknown collection is unknown, so len_public_subnets,
    // create_public_subnets and this count are unknown → one stand-in instance "[*]" carrying the reason.
    const x = res(acls(), 'module.vpc.aws_network_acl_rule.public_inbound[*]');
    expectUnknown(x.expansion, /data\.aws_availability_zones\.available\.names/);
    // egress = false is a literal; the rule number is indexed by the unknown count.index.
    expect(x.attributes['egress']).toBe(false);
    expectUnknown(x.attributes['rule_number'], /count\.index/);
    // The subnet CIDRs are cidrsubnet()-derived from that same unknown list: unknown too.
    expectUnknown(raw(acls(), 'module.vpc.aws_subnet.public[*]', 'cidr_block'), /data\.aws_availability_zones\.available\.names/);
  });

  it('examples/ipv6-only module.vpc.aws_subnet.public[2]: known count, IPv6 CIDR derived from an unset VPC attribute', () => {
    // len_public_subnets = max(length([]), length([0, 1, 2])) = 3 (function doc "max"), so the count is known
    // even though the AZs are not (!var.one_nat_gateway_per_az is true, so `||` does not need length(var.azs)).
    expect(addressesOf(v6only(), 'aws_subnet', 'module.vpc.aws_subnet.public')).toEqual([
      'module.vpc.aws_subnet.public[0]',
      'module.vpc.aws_subnet.public[1]',
      'module.vpc.aws_subnet.public[2]',
    ]);
    // public_subnet_ipv6_native = true → cidr_block = null, ipv6_native = true, assign_ipv6_address_on_creation = true.
    expect(attrs(v6only(), 'module.vpc.aws_subnet.public[2]')).toMatchObject({ cidr_block: null, ipv6_native: true, assign_ipv6_address_on_creation: true, enable_dns64: true });
    // cidrsubnet(aws_vpc.this[0].ipv6_cidr_block, 8, "2"): ipv6_cidr_block is null in the configuration
    // (assign_generated_ipv6_cidr_block = true), so AWS chooses it at apply → unknown.
    expectUnknown(raw(v6only(), 'module.vpc.aws_subnet.public[2]', 'ipv6_cidr_block'), /aws_vpc\.this\[0\]\.ipv6_cidr_block/);
  });

  it('examples/issues module.vpc_issue_108.aws_subnet.public[2]: count.index into a literal list', () => {
    // element(concat(["10.0.254.240/28", "10.0.254.224/28", "10.0.254.208/28"], [""]), 2). Checked with terraform console.
    expect(attrs(issues(), 'module.vpc_issue_108.aws_subnet.public[2]')['cidr_block']).toBe('10.0.254.208/28');
    expect(attrs(issues(), 'module.vpc_issue_108.aws_subnet.private[0]')['cidr_block']).toBe('10.0.0.0/24');
    // vpc_issue_46 has neither private subnets nor database route tables: coalescelist([], []) fails in
    // Terraform too ("no non-null arguments", checked with terraform console), so those errors are right.
    expect(errorsOf(issues()).every((e) => /vpc_issue_46\..*coalescelist/.test(e))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// terraform-aws-modules/terraform-aws-transit-gateway
// ---------------------------------------------------------------------------------------------

describe.skipIf(!hasCorpus)(`terraform-aws-transit-gateway examples/complete${corpusNote}`, () => {
  const r = lazy(() => load('terraform-aws-transit-gateway', 'examples/complete'));

  it('module.tgw.aws_ec2_transit_gateway.this[0]: flags, string ASN, dynamic timeouts', () => {
    expect(errorsOf(r())).toEqual([]);
    // amazon_side_asn is declared string → 64532 becomes "64532"; bool flags map to "enable"/"disable";
    // enable_vpn_ecmp_support/enable_dns_support/enable_default_route_table_association default to true.
    // dynamic "timeouts" { for_each = var.timeouts == null ? [] : [var.timeouts] } → one block; the variable
    // is object({ create = optional(string), … }) and all three were given. Checked with terraform console.
    expect(attrs(r(), 'module.tgw.aws_ec2_transit_gateway.this[0]')).toMatchObject({
      description: 'My TGW shared with several other AWS accounts',
      amazon_side_asn: '64532',
      auto_accept_shared_attachments: 'enable',
      default_route_table_association: 'enable',
      default_route_table_propagation: 'enable',
      multicast_support: 'disable',
      vpn_ecmp_support: 'enable',
      dns_support: 'enable',
      security_group_referencing_support: 'enable',
      transit_gateway_cidr_blocks: ['10.99.0.0/24'],
      timeouts: [{ create: '10m', update: '15m', delete: '15m' }],
    });
  });

  it('module.tgw.aws_ec2_transit_gateway_vpc_attachment.this["vpc1"] and ["vpc2"]: for_each keys and try() defaults', () => {
    // for_each = var.vpc_attachments (an object with keys vpc1, vpc2): instance keys are the map keys.
    expect(addressesOf(r(), 'aws_ec2_transit_gateway_vpc_attachment')).toEqual([
      'module.tgw.aws_ec2_transit_gateway_vpc_attachment.this["vpc1"]',
      'module.tgw.aws_ec2_transit_gateway_vpc_attachment.this["vpc2"]',
    ]);
    // try(each.value.x, default): attributes vpc1 sets are used, missing ones fall back (function doc "try").
    // Checked with terraform console.
    expect(attrs(r(), 'module.tgw.aws_ec2_transit_gateway_vpc_attachment.this["vpc1"]')).toMatchObject({
      dns_support: 'enable',
      ipv6_support: 'enable',
      appliance_mode_support: 'disable',
      security_group_referencing_support: 'enable',
      transit_gateway_default_route_table_association: false,
      transit_gateway_default_route_table_propagation: false,
    });
    expect(attrs(r(), 'module.tgw.aws_ec2_transit_gateway_vpc_attachment.this["vpc2"]')).toMatchObject({
      dns_support: 'enable',
      ipv6_support: 'disable',
      appliance_mode_support: 'disable',
      security_group_referencing_support: 'disable',
      transit_gateway_default_route_table_association: true,
      transit_gateway_default_route_table_propagation: true,
    });
    // vpc_id = module.vpc1.vpc_id: registry module output → unknown.
    expectUnknown(raw(r(), 'module.tgw.aws_ec2_transit_gateway_vpc_attachment.this["vpc1"]', 'vpc_id'), /module\.vpc1\.vpc_id/);
  });

  it('module.tgw.aws_ec2_transit_gateway_route.this[1]: setproduct/flatten/chunklist and the blackhole string', () => {
    // vpc_attachments_with_routes = chunklist(flatten([for k, v in …: setproduct([{ key = k }], v.tgw_routes)]), 2):
    // pairs [{key}, route] in key order vpc1, vpc2 (function docs "setproduct", "flatten", "chunklist").
    // setproduct unifies the route objects {destination_cidr_block} and {blackhole, destination_cidr_block}
    // to map(string), so blackhole = true becomes "true". [1] is vpc1's blackhole route: attachment id null
    // because tobool("true") == false is false. Checked with terraform console.
    expect(addressesOf(r(), 'aws_ec2_transit_gateway_route')).toHaveLength(4);
    expect(attrs(r(), 'module.tgw.aws_ec2_transit_gateway_route.this[1]')).toMatchObject({
      destination_cidr_block: '0.0.0.0/0',
      blackhole: 'true',
      transit_gateway_attachment_id: null,
    });
    expect(attrs(r(), 'module.tgw.aws_ec2_transit_gateway_route.this[3]')).toMatchObject({ destination_cidr_block: '10.10.10.10/32', blackhole: 'true' });
  });

  it('module.tgw.aws_ec2_transit_gateway_route.this[2]: a route to vpc2 points at an attachment id known only after apply', () => {
    // [2] = [{key = "vpc2"}, {destination_cidr_block = "50.0.0.0/16"}]; try(….blackhole, null) → null (no such key).
    // Checked with terraform console.
    const a = 'module.tgw.aws_ec2_transit_gateway_route.this[2]';
    expect(attrs(r(), a)).toMatchObject({ destination_cidr_block: '50.0.0.0/16', blackhole: null });
    expectUnknown(raw(r(), a, 'transit_gateway_attachment_id'), /aws_ec2_transit_gateway_vpc_attachment\.this\["vpc2"\]\.id/);
  });

  it('module.tgw.aws_ec2_transit_gateway_route_table_association.this["vpc1"]: for_each filtered by an if clause', () => {
    // { for k, v in var.vpc_attachments : k => v if … try(v.transit_gateway_default_route_table_association, true) != true }:
    // only vpc1 sets it to false. Checked with terraform console.
    expect(addressesOf(r(), 'aws_ec2_transit_gateway_route_table_association')).toEqual([
      'module.tgw.aws_ec2_transit_gateway_route_table_association.this["vpc1"]',
    ]);
    expect(addressesOf(r(), 'aws_ec2_transit_gateway_route_table_propagation')).toEqual([
      'module.tgw.aws_ec2_transit_gateway_route_table_propagation.this["vpc1"]',
    ]);
  });

  it('module.tgw.aws_ec2_tag.this["Repository"]: for_each over merged tags whose keys are known', () => {
    // merge(var.tags, { Name = var.name }, {}) has keys Example, Name, Repository (map keys iterate in lexical
    // order); the values of Example/Name depend on path.cwd, but the keys are known. Checked with terraform console.
    expect(addressesOf(r(), 'aws_ec2_tag')).toEqual([
      'module.tgw.aws_ec2_tag.this["Example"]',
      'module.tgw.aws_ec2_tag.this["Name"]',
      'module.tgw.aws_ec2_tag.this["Repository"]',
    ]);
    expect(attrs(r(), 'module.tgw.aws_ec2_tag.this["Repository"]')).toMatchObject({
      key: 'Repository',
      value: 'https://github.com/terraform-aws-modules/terraform-aws-transit-gateway',
    });
    expectUnknown(raw(r(), 'module.tgw.aws_ec2_tag.this["Name"]', 'value'), /path\.cwd/);
  });

  it('module.tgw.aws_ram_principal_association.this[0]: a number in a list(string) variable', () => {
    // ram_principals = [307990089504] into list(string) → "307990089504" (whole number, no exponent).
    // Checked with terraform console.
    expect(addressesOf(r(), 'aws_ram_principal_association')).toEqual(['module.tgw.aws_ram_principal_association.this[0]']);
    expect(attrs(r(), 'module.tgw.aws_ram_principal_association.this[0]')['principal']).toBe('307990089504');
  });
});

// ---------------------------------------------------------------------------------------------
// terraform-aws-modules/terraform-aws-vpn-gateway
// ---------------------------------------------------------------------------------------------

describe.skipIf(!hasCorpus)(`terraform-aws-vpn-gateway examples${corpusNote}`, () => {
  const stat = lazy(() => load('terraform-aws-vpn-gateway', 'examples/complete-vpn-gateway-with-static-routes'));
  const tgw = lazy(() => load('terraform-aws-vpn-gateway', 'examples/complete-vpn-connection-transit-gateway'));

  it('static routes: module.vpn_gateway.aws_vpn_connection.tunnel_preshared[0] is the one connection, with a nested dynamic block', () => {
    expect(errorsOf(stat())).toEqual([]);
    // Both inside CIDRs and both preshared keys given → local.tunnel_details_specified; the other three
    // variants have count 0. Checked with terraform console.
    expect(addressesOf(stat(), 'aws_vpn_connection')).toEqual(['module.vpn_gateway.aws_vpn_connection.tunnel_preshared[0]']);
    // dynamic "tunnel1_log_options" { for_each = [var.tunnel1_log_options] } → one block; its nested
    // dynamic "cloudwatch_log_options" iterates the empty default {} → no nested blocks.
    // Checked with terraform console.
    expect(attrs(stat(), 'module.vpn_gateway.aws_vpn_connection.tunnel_preshared[0]')).toMatchObject({
      type: 'ipsec.1',
      static_routes_only: true,
      tunnel1_inside_cidr: '169.254.33.88/30',
      tunnel2_inside_cidr: '169.254.33.100/30',
      tunnel_inside_ip_version: 'ipv4',
      tunnel1_log_options: [{ cloudwatch_log_options: [] }],
      tunnel2_log_options: [{ cloudwatch_log_options: [] }],
    });
  });

  it('static routes: module.vpn_gateway.aws_vpn_connection_route.default[1]: element(list, count.index)', () => {
    // count = length(["10.100.0.1/32", "10.200.0.1/32"]) = 2. Checked with terraform console.
    expect(addressesOf(stat(), 'aws_vpn_connection_route')).toEqual(['module.vpn_gateway.aws_vpn_connection_route.default[0]', 'module.vpn_gateway.aws_vpn_connection_route.default[1]']);
    expect(attrs(stat(), 'module.vpn_gateway.aws_vpn_connection_route.default[1]')['destination_cidr_block']).toBe('10.200.0.1/32');
    expectUnknown(raw(stat(), 'module.vpn_gateway.aws_vpn_connection_route.default[1]', 'vpn_connection_id'), /aws_vpn_connection\.tunnel_preshared\[0\]\.id/);
  });

  it('static routes: module.vpn_gateway.aws_vpn_gateway_route_propagation.private_subnets_vpn_routing[2]: count from a root default', () => {
    // vpc_subnet_route_table_count = length(var.vpc_private_subnets) = 3 (root variable default);
    // route_table_id = element(module.vpc.private_route_table_ids, 2): registry module output → unknown.
    expect(addressesOf(stat(), 'aws_vpn_gateway_route_propagation')).toHaveLength(3);
    expectUnknown(raw(stat(), 'module.vpn_gateway.aws_vpn_gateway_route_propagation.private_subnets_vpn_routing[2]', 'route_table_id'), /module\.vpc\.private_route_table_ids/);
  });

  it('transit gateway: module.vpn_gateway_1.aws_ec2_tag.tags["key1"]: for_each over merge({Name}, var.tags)', () => {
    // connect_to_transit_gateway = true: keys Name, key1, key2; Name = "VPN Connection between TGW ${…id} …"
    // is unknown (aws_ec2_transit_gateway.this.id), the others are the given strings. Checked with terraform console.
    expect(errorsOf(tgw())).toEqual([]);
    expect(addressesOf(tgw(), 'aws_ec2_tag', 'module.vpn_gateway_1.')).toEqual([
      'module.vpn_gateway_1.aws_ec2_tag.tags["Name"]',
      'module.vpn_gateway_1.aws_ec2_tag.tags["key1"]',
      'module.vpn_gateway_1.aws_ec2_tag.tags["key2"]',
    ]);
    expect(attrs(tgw(), 'module.vpn_gateway_1.aws_ec2_tag.tags["key1"]')).toMatchObject({ key: 'key1', value: 'example value 1' });
    expectUnknown(raw(tgw(), 'module.vpn_gateway_1.aws_ec2_tag.tags["Name"]', 'value'), /aws_ec2_transit_gateway\.this\.id/);
  });

  it('transit gateway: module.vpn_gateway_1.aws_vpn_connection.tunnel_preshared[0]: TGW options, no VGW attachment', () => {
    // create_vpn_gateway_attachment = false and connect_to_transit_gateway = true → no attachment, no propagation.
    // Checked with terraform console.
    expect(addressesOf(tgw(), 'aws_vpn_gateway_attachment')).toEqual([]);
    expect(addressesOf(tgw(), 'aws_vpn_gateway_route_propagation')).toEqual([]);
    expect(attrs(tgw(), 'module.vpn_gateway_1.aws_vpn_connection.tunnel_preshared[0]')).toMatchObject({
      enable_acceleration: true,
      static_routes_only: false,
      tunnel_inside_ip_version: 'ipv6',
      tunnel1_inside_cidr: '169.254.44.88/30',
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Azure/terraform-azurerm-network-security-group
// ---------------------------------------------------------------------------------------------

describe.skipIf(!hasCorpus)(`terraform-azurerm-network-security-group examples${corpusNote}`, () => {
  const repo = 'terraform-azurerm-network-security-group';
  const custom = lazy(() => load(repo, 'examples/Custom-Rules'));
  const dyn = lazy(() => load(repo, 'examples/DynamicPorts'));
  const dynForEach = lazy(() => load(repo, 'examples/DynamicPorts', { use_for_each: 'true' }));
  const http = lazy(() => load(repo, 'examples/HTTP'));

  it('Custom-Rules module.nsg.azurerm_network_security_rule.custom_rules[0]: lookups on an object', () => {
    expect(errorsOf(custom())).toEqual([]);
    // custom_rules is `any`, so the rule stays an object (priority stays the number 101).
    // destination_address_prefixes given → destination_address_prefix = null; port "22" → split(",", replace("22",
    // "*", "0-65535")) = ["22"]; no source_address_prefix key → "*"; no source_port_range → "*".
    // Checked with terraform console.
    expect(attrs(custom(), 'module.nsg.azurerm_network_security_rule.custom_rules[0]')).toMatchObject({
      name: 'myssh',
      priority: 101,
      direction: 'Inbound',
      access: 'Allow',
      protocol: 'Tcp',
      description: 'description-myssh',
      destination_address_prefix: null,
      destination_address_prefixes: ['10.151.0.0/24', '10.151.1.0/24'],
      destination_port_ranges: ['22'],
      source_address_prefix: '*',
      source_port_range: '*',
      source_port_ranges: null,
    });
  });

  it('Custom-Rules module.nsg.azurerm_network_security_group.nsg: location from the resource group data source', () => {
    // location = var.location != "" ? var.location : data.azurerm_resource_group.nsg.location, location = "" →
    // a data source attribute → unknown. tags = merge({}, {}, {}) with tracing tags disabled.
    const a = 'module.nsg.azurerm_network_security_group.nsg';
    expectUnknown(raw(custom(), a, 'location'), /data\.azurerm_resource_group\.nsg\.location/);
    expect(attrs(custom(), a)).toMatchObject({ name: 'nsg', tags: {} });
  });

  it('DynamicPorts module.nsg.azurerm_network_security_rule.predefined_rules[0]: the rules lookup table', () => {
    // rules["DynamicPorts"] = ["Inbound", "Allow", "Tcp", "*", "49152-65535", "DynamicPorts"]; element() by index;
    // priority given (501); prefixes: join(",", ["*"]) = "*". Checked with terraform console.
    expect(attrs(dyn(), 'module.nsg.azurerm_network_security_rule.predefined_rules[0]')).toMatchObject({
      name: 'DynamicPorts',
      direction: 'Inbound',
      access: 'Allow',
      protocol: 'Tcp',
      destination_port_range: '49152-65535',
      description: 'DynamicPorts',
      priority: 501,
      destination_address_prefix: '*',
      source_address_prefix: '*',
      source_port_range: '*',
    });
  });

  it('DynamicPorts with use_for_each = true: module.nsg.azurerm_network_security_rule.predefined_rules_for["DynamicPorts"]', () => {
    // for_each = { for value in var.predefined_rules : value.name => value if var.use_for_each }; count variant → 0.
    // Checked with terraform console.
    expect(addressesOf(dynForEach(), 'azurerm_network_security_rule')).toEqual(['module.nsg.azurerm_network_security_rule.predefined_rules_for["DynamicPorts"]']);
    expect(attrs(dynForEach(), 'module.nsg.azurerm_network_security_rule.predefined_rules_for["DynamicPorts"]')).toMatchObject({
      destination_port_range: '49152-65535',
      priority: 501,
      access: 'Allow',
    });
  });

  it('HTTP module.nsg.module.nsg.azurerm_network_security_rule.predefined_rules[0]: through modules/HTTP', () => {
    // modules/HTTP passes predefined_rules = [{ name = "HTTP", priority = 501 }] to ../../; rules["HTTP"][4] = "80".
    // Checked with terraform console.
    expect(res(http(), 'module.nsg.module.nsg.azurerm_network_security_rule.predefined_rules[0]').callers.map((c) => c.file.path)).toEqual([
      'examples/HTTP/main.tf',
      'modules/HTTP/main.tf',
    ]);
    expect(attrs(http(), 'module.nsg.module.nsg.azurerm_network_security_rule.predefined_rules[0]')).toMatchObject({
      name: 'HTTP',
      destination_port_range: '80',
      protocol: 'Tcp',
      priority: 501,
    });
  });
});

// ---------------------------------------------------------------------------------------------
// terraform-google-modules/terraform-google-network
// ---------------------------------------------------------------------------------------------

describe.skipIf(!hasCorpus)(`terraform-google-network${corpusNote}`, () => {
  const repo = 'terraform-google-network';
  const repoDir = path.join(tfCorpus, repo);
  // The examples call this repository through the registry ("terraform-google-modules/network/google"), which
  // gridfence does not fetch; so the module is loaded as the root module with the example's own arguments.
  const simple = lazy(() =>
    load(repo, 'main.tf', {
      // examples/simple_project/main.tf, module "test-vpc-module"
      network_name: 'my-custom-mode-network',
      mtu: '1460',
      subnets: hclListAfter(path.join(repoDir, 'examples/simple_project/main.tf'), 'subnets'),
    }),
  );
  // examples/bidirectional-firewall-rules: module "test-firewall-submodule" (rules = local.custom_rules) and
  // module "test-firewall-submodule-ing-egr" (ingress_rules/egress_rules), both modules/firewall-rules.
  const bidi = path.join(repoDir, 'examples/bidirectional-firewall-rules/main.tf');
  const fwRules = lazy(() => load(repo, 'modules/firewall-rules', { network_name: 'test-fw-rules', rules: hclListAfter(bidi, 'custom_rules') }));
  const fwInEg = lazy(() =>
    load(repo, 'modules/firewall-rules', {
      network_name: 'test-fw-rules',
      ingress_rules: hclListAfter(bidi, 'custom_rules_ingress'),
      egress_rules: hclListAfter(bidi, 'custom_rules_egress'),
    }),
  );

  it('module.subnets.google_compute_subnetwork.subnetwork["us-west1/subnet-02"]: optional() defaults fill the dynamic log_config', () => {
    expect(errorsOf(simple())).toEqual([]);
    // for_each keys "${coalesce(var.subnets_region, x.subnet_region, "undefined")}/${x.subnet_name}".
    expect(addressesOf(simple(), 'google_compute_subnetwork')).toEqual([
      'module.subnets.google_compute_subnetwork.subnetwork["us-west1/subnet-01"]',
      'module.subnets.google_compute_subnetwork.subnetwork["us-west1/subnet-02"]',
      'module.subnets.google_compute_subnetwork.subnetwork["us-west1/subnet-03"]',
    ]);
    // The root's subnets variable sets omitted optional attributes to null; modules/subnets declares
    // optional(string, "INTERVAL_5_SEC") etc., and a default replaces null (type-constraints doc, "Optional
    // Object Type Attributes"). subnet_flow_logs = "true": coalesce("true", false) unifies to string, "true"
    // converts to bool true → one log_config block; metadata_fields is null unless metadata == "CUSTOM_METADATA".
    // network = module.vpc.network_name = google_compute_network.network.name, set in configuration.
    // Checked with terraform console.
    expect(attrs(simple(), 'module.subnets.google_compute_subnetwork.subnetwork["us-west1/subnet-02"]')).toMatchObject({
      name: 'subnet-02',
      ip_cidr_range: '10.10.20.0/24',
      region: 'us-west1',
      private_ip_google_access: 'true',
      network: 'my-custom-mode-network',
      log_config: [{ aggregation_interval: 'INTERVAL_5_SEC', flow_sampling: '0.5', metadata: 'INCLUDE_ALL_METADATA', filter_expr: 'true', metadata_fields: null }],
      secondary_ip_range: [],
    });
    // project = var.project_id, a required root variable nobody set.
    expectUnknown(raw(simple(), 'module.subnets.google_compute_subnetwork.subnetwork["us-west1/subnet-02"]', 'project'), /var\.project_id/);
  });

  it('module.subnets.google_compute_subnetwork.subnetwork["us-west1/subnet-03"] and ["us-west1/subnet-01"]', () => {
    // subnet-03 gives its own interval and sampling (0.7 → optional(string) → "0.7"); subnet-01 gets
    // subnet_flow_logs = "false" → no log_config block, and subnet_private_access default "false".
    // Checked with terraform console.
    expect(attrs(simple(), 'module.subnets.google_compute_subnetwork.subnetwork["us-west1/subnet-03"]')).toMatchObject({
      log_config: [{ aggregation_interval: 'INTERVAL_10_MIN', flow_sampling: '0.7', metadata: 'INCLUDE_ALL_METADATA', filter_expr: 'false', metadata_fields: null }],
      private_ip_google_access: 'false',
    });
    expect(attrs(simple(), 'module.subnets.google_compute_subnetwork.subnetwork["us-west1/subnet-01"]')).toMatchObject({
      ip_cidr_range: '10.10.10.0/24',
      log_config: [],
      private_ip_google_access: 'false',
    });
  });

  it('module.vpc.google_compute_network.network: mtu and routing defaults', () => {
    // mtu = 1460 given; routing_mode default "GLOBAL"; auto_create_subnetworks default false.
    expect(attrs(simple(), 'module.vpc.google_compute_network.network')).toMatchObject({
      name: 'my-custom-mode-network',
      mtu: 1460,
      routing_mode: 'GLOBAL',
      auto_create_subnetworks: false,
    });
  });

  it('google_compute_firewall.rules["fwtest-allow-all-admin-sa"]: dynamic allow blocks and optional() defaults', () => {
    expect(errorsOf(fwRules())).toEqual([]);
    // for_each = { for r in var.rules : r.name => r }: keys are the rule names, in lexical order.
    expect(addressesOf(fwRules(), 'google_compute_firewall')).toEqual([
      'google_compute_firewall.rules["fwtest-allow-all-admin-sa"]',
      'google_compute_firewall.rules["fwtest-allow-backend-to-databases"]',
      'google_compute_firewall.rules["fwtest-deny-egress-6534-6566"]',
      'google_compute_firewall.rules["fwtest-deny-ingress-6534-6566"]',
    ]);
    // direction default "INGRESS", ranges default [] → source_ranges = []; destination_ranges null; priority and
    // disabled default null; dynamic "allow" → one block per element with ports null; deny default [] → no
    // blocks; log_config null → no block. Checked with terraform console.
    expect(attrs(fwRules(), 'google_compute_firewall.rules["fwtest-allow-all-admin-sa"]')).toMatchObject({
      direction: 'INGRESS',
      source_ranges: [],
      destination_ranges: null,
      priority: null,
      disabled: null,
      source_service_accounts: ['admin@my-shiny-org.iam.gserviceaccount.com'],
      target_tags: null,
      allow: [
        { protocol: 'tcp', ports: null },
        { protocol: 'udp', ports: null },
      ],
      deny: [],
      log_config: [],
    });
  });

  it('google_compute_firewall.rules["fwtest-deny-egress-6534-6566"]: EGRESS puts ranges into destination_ranges', () => {
    // destination_ranges = each.value.direction == "EGRESS" ? each.value.ranges : null. Checked with terraform console.
    expect(attrs(fwRules(), 'google_compute_firewall.rules["fwtest-deny-egress-6534-6566"]')).toMatchObject({
      direction: 'EGRESS',
      source_ranges: null,
      destination_ranges: ['47.189.12.139/32'],
      allow: [],
      deny: [
        { protocol: 'tcp', ports: ['6534-6566'] },
        { protocol: 'udp', ports: ['6534-6566'] },
      ],
    });
  });

  it('google_compute_firewall.rules_ingress_egress["fwtest-allow-ssh-ing"] and ["fwtest-deny-ssh-egr"]: merge() adds direction', () => {
    expect(errorsOf(fwInEg())).toEqual([]);
    // rules = [] → the other resource is used: merge(local.ingress_rules, local.egress_rules), each rule being
    // merge(rule, { direction = "INGRESS" | "EGRESS" }); the extra `ranges = null` attribute is dropped by the
    // object type conversion. Checked with terraform console.
    expect(addressesOf(fwInEg(), 'google_compute_firewall')).toEqual([
      'google_compute_firewall.rules_ingress_egress["fwtest-allow-admin-svc-acct"]',
      'google_compute_firewall.rules_ingress_egress["fwtest-allow-backend-to-db"]',
      'google_compute_firewall.rules_ingress_egress["fwtest-allow-ssh-ing"]',
      'google_compute_firewall.rules_ingress_egress["fwtest-deny-egress-6400-6466"]',
      'google_compute_firewall.rules_ingress_egress["fwtest-deny-ingress-6500-6566"]',
      'google_compute_firewall.rules_ingress_egress["fwtest-deny-ssh-egr"]',
    ]);
    expect(attrs(fwInEg(), 'google_compute_firewall.rules_ingress_egress["fwtest-allow-ssh-ing"]')).toMatchObject({
      direction: 'INGRESS',
      source_ranges: ['10.3.0.0/24'],
      destination_ranges: ['10.2.0.0/24'],
      allow: [{ protocol: 'tcp', ports: ['22'] }],
      deny: [],
    });
    expect(attrs(fwInEg(), 'google_compute_firewall.rules_ingress_egress["fwtest-deny-ssh-egr"]')).toMatchObject({
      direction: 'EGRESS',
      source_ranges: ['10.11.0.0/24'],
      destination_ranges: ['10.10.0.0/24'],
      deny: [{ protocol: 'tcp', ports: ['22'] }],
    });
  });
});
