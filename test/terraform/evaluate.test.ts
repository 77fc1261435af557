/** Terraform evaluation semantics on small in-memory configurations. */
import { describe, expect, it } from 'vitest';
import { TfSet, Unknown, newObject, toJSON } from '../../src/model/value.js';
import { attrs, errors, loadFiles, resource } from '../support/load.js';
import { toLocation } from '../../src/model/source.js';
import { runLimits } from '../../src/loaders/terraform/load.js';

const sg = (body: string) => `resource "aws_security_group" "x" {\n${body}\n}\n`;

describe('expansion: count and for_each', () => {
  it('for_each over a map filtered by a for expression with if', () => {
    const r = loadFiles({
      'main.tf': `
locals {
  subnets = { dispatch = { cidr = "10.10.1.0/24", public = false }, dmz = { cidr = "10.10.2.0/24", public = true } }
  private = { for k, v in local.subnets : k => v if !v.public }
}
resource "aws_subnet" "s" {
  for_each   = local.private
  cidr_block = each.value.cidr
  tags       = { Name = "sn-\${each.key}" }
}`,
    });
    expect(errors(r)).toEqual([]);
    expect(r.model.resources.map((x) => x.address)).toEqual(['aws_subnet.s["dispatch"]']);
    expect(attrs(r, 'aws_subnet.s["dispatch"]')).toEqual({ cidr_block: '10.10.1.0/24', tags: { Name: 'sn-dispatch' } });
  });

  it('count with count.index and a splat over the instances', () => {
    const r = loadFiles({
      'main.tf': `
resource "aws_subnet" "s" {
  count      = 3
  cidr_block = cidrsubnet("10.0.0.0/16", 8, count.index)
}
resource "aws_network_acl" "n" {
  subnet_cidrs = aws_subnet.s[*].cidr_block
  first        = aws_subnet.s[0].cidr_block
  ids          = aws_subnet.s[*].id
}`,
    });
    expect(errors(r)).toEqual([]);
    const n = resource(r, 'aws_network_acl.n').attributes;
    expect(n['subnet_cidrs']).toEqual(['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24']);
    expect(n['first']).toBe('10.0.0.0/24');
    const ids = n['ids'] as Unknown[];
    expect(ids.map((u) => [u.reason, u.ref])).toEqual([0, 1, 2].map((i) => [`aws_subnet.s[${i}].id is known only after apply`, `aws_subnet.s[${i}]`]));
  });

  it('an unknown count stands for unknown instances, addressed [*]', () => {
    const r = loadFiles({ 'main.tf': 'variable "n" { type = number }\nresource "aws_instance" "i" {\n  count = var.n\n  ami = "ami-1"\n}\n' });
    expect(errors(r)).toEqual([]);
    const i = resource(r, 'aws_instance.i[*]');
    expect(i.expansion?.reason).toMatch(/the count of aws_instance\.i depends on var\.n has no value/);
  });

  it('a value error in instances that may not exist is a warning, as Terraform meets it only if they do', () => {
    const r = loadFiles({
      'main.tf': `variable "zones" { type = list(string) }
variable "egress_only" {
  default = false
}
resource "aws_egress_only_internet_gateway" "eigw" {
  count  = var.egress_only ? 1 : 0
  vpc_id = "vpc-1"
}
resource "aws_route" "r" {
  for_each               = toset(var.zones)
  route_table_id         = "rtb-1"
  egress_only_gateway_id = aws_egress_only_internet_gateway.eigw[0].id
}
resource "aws_route" "always" {
  route_table_id         = "rtb-1"
  egress_only_gateway_id = aws_egress_only_internet_gateway.eigw[0].id
}`,
    });
    // Where the instance surely exists, Terraform refuses the configuration: still an error.
    expect(errors(r)).toEqual(['main.tf:16:28: aws_route.always: Invalid index: aws_egress_only_internet_gateway.eigw has no instance with key 0']);
    const warnings = r.problems.filter((p) => p.severity === 'warning' && p.code === 'tf-eval').map((p) => `${p.location?.line}:${p.location?.column} ${p.message}`);
    expect(warnings).toEqual([
      '12:28 aws_route.r[*]: Invalid index: aws_egress_only_internet_gateway.eigw has no instance with key 0 (Terraform evaluates this only if the instance exists, and the for_each keys of aws_route.r depend on var.zones has no value (no default, no tfvars entry, no --var))',
    ]);
    expect(resource(r, 'aws_route.r[*]').attributes['egress_only_gateway_id']).toBeInstanceOf(Unknown);
  });

  it('one instance of unknown instances is the [*] instance: what does not depend on its key is known, its id names it', () => {
    const r = loadFiles({
      'main.tf': `variable "on" { type = bool }
variable "zones" { type = set(string) }
resource "aws_subnet" "s" {
  count      = var.on ? 1 : 0
  cidr_block = "10.0.1.0/24"
  tags       = { n = count.index }
}
resource "aws_subnet" "z" {
  for_each   = var.zones
  cidr_block = "10.0.2.0/24"
}
resource "aws_instance" "i" {
  ami       = "ami-1"
  subnet_id = aws_subnet.s[0].id
  tags      = { cidr = aws_subnet.s[0].cidr_block, n = aws_subnet.s[0].tags.n, z = aws_subnet.z["a"].cidr_block, zid = aws_subnet.z["a"].id }
}`,
    });
    expect(errors(r)).toEqual([]);
    const a = resource(r, 'aws_instance.i').attributes;
    expect([(a['subnet_id'] as Unknown).ref, (a['subnet_id'] as Unknown).reason]).toEqual(['aws_subnet.s[*]', 'aws_subnet.s[*].id is known only after apply']);
    const tags = a['tags'] as Record<string, unknown>;
    expect([tags['cidr'], tags['z'], (tags['zid'] as Unknown).ref]).toEqual(['10.0.1.0/24', '10.0.2.0/24', 'aws_subnet.z[*]']);
    // count.index of the [*] instance is not known: neither is what depends on it.
    expect(tags['n']).toBeInstanceOf(Unknown);
  });

  it('writes instance keys in addresses as Terraform does: HCL quoting, template introducers doubled', () => {
    const r = loadFiles({
      'main.tf': 'resource "terraform_data" "k" {\n  for_each = toset(["web$${env}", "db%%{x}", "$x", "a\\tb", "q\\"\\\\", "nb\\u00a0sp", "bell\\u0007", "é😀"])\n}\n',
    });
    expect(errors(r)).toEqual([]);
    expect(r.model.resources.map((x) => x.address)).toEqual([
      'terraform_data.k["$x"]',
      'terraform_data.k["a\\tb"]',
      'terraform_data.k["bell\\u0007"]',
      'terraform_data.k["db%%{x}"]',
      'terraform_data.k["nb\\u00a0sp"]',
      'terraform_data.k["q\\"\\\\"]',
      'terraform_data.k["web$${env}"]',
      'terraform_data.k["é😀"]',
    ]);
  });

  it('a number index names the for_each instance with that string key, a numeric string the count instance', () => {
    const r = loadFiles({
      'main.tf': `
locals {
  vlans = { "10" = "10.10.0.0/16", "20" = "10.20.0.0/16" }
}
resource "aws_vpc" "vlan" {
  for_each   = local.vlans
  cidr_block = each.value
}
resource "aws_vpc" "c" {
  count      = 2
  cidr_block = "10.\${count.index}.0.0/16"
}
module "m" {
  source   = "./m"
  for_each = local.vlans
  cidr     = each.value
}
resource "aws_subnet" "s" {
  from_resource = aws_vpc.vlan[10].cidr_block
  from_module   = module.m[20].cidr
  from_count    = aws_vpc.c["1"].cidr_block
}`,
      'm/main.tf': 'variable "cidr" {}\noutput "cidr" {\n  value = var.cidr\n}\n',
    });
    expect(errors(r)).toEqual([]);
    expect(attrs(r, 'aws_subnet.s')).toEqual({ from_resource: '10.10.0.0/16', from_module: '10.20.0.0/16', from_count: '10.1.0.0/16' });
  });

  it('for_each over a list is Terraform\'s error, located at the argument', () => {
    const r = loadFiles({ 'main.tf': 'resource "aws_subnet" "s" {\n  for_each = ["a", "b"]\n}\n' });
    expect(r.problems.map((p) => [p.location?.line, p.location?.column, p.message])).toEqual([
      [2, 14, expect.stringMatching(/must be a map, or set of strings, and you have provided a value of type tuple/)],
    ]);
  });

  it('a conditional unifies an empty tuple with a set, which for_each accepts', () => {
    const r = loadFiles({ 'main.tf': 'variable "l" {\n  default = []\n}\nresource "aws_subnet" "s" {\n  for_each = length(var.l) > 0 ? toset(var.l) : []\n}\n' });
    expect(errors(r)).toEqual([]);
    expect(r.model.resources).toEqual([]);
  });
});

describe('blocks', () => {
  it('expands nested dynamic blocks in source order, with sources pointing into content', () => {
    const r = loadFiles({
      'main.tf': `
locals {
  actions = [{ type = "forward", groups = [{ arn = "a", weight = 90 }, { arn = "b", weight = 10 }] }]
}
resource "aws_lb_listener" "l" {
  port = 443
  dynamic "default_action" {
    for_each = local.actions
    content {
      type = default_action.value.type
      forward {
        dynamic "target_group" {
          for_each = default_action.value.groups
          iterator = tg
          content {
            arn    = tg.value.arn
            weight = tg.value.weight
          }
        }
      }
    }
  }
}`,
    });
    expect(errors(r)).toEqual([]);
    const l = resource(r, 'aws_lb_listener.l');
    expect(toJSON(l.attributes)).toEqual({
      port: 443,
      default_action: [{ type: 'forward', forward: [{ target_group: [{ arn: 'a', weight: 90 }, { arn: 'b', weight: 10 }] }] }],
    });
    const src = l.sources.get('default_action[0].forward[0].target_group[1].weight')!;
    expect(src.file.position(src.start)).toEqual({ line: 17, column: 13 });
  });

  it('an unknown dynamic for_each makes that block list unknown', () => {
    const r = loadFiles({ 'main.tf': 'variable "rules" {}\n' + sg('  dynamic "ingress" {\n    for_each = var.rules\n    content { from_port = ingress.value }\n  }') });
    expect(resource(r, 'aws_security_group.x').attributes['ingress']).toBeInstanceOf(Unknown);
  });

  it('a dynamic for_each that is no collection is an error at its expression', () => {
    const r = loadFiles({ 'main.tf': sg('  dynamic "ingress" {\n    for_each = 3\n    content { from_port = ingress.value }\n  }') });
    expect(r.problems.map((p) => [p.location?.line, p.location?.column, p.location?.endColumn, p.message])).toEqual([
      [3, 16, 17, 'aws_security_group.x: The for_each of dynamic "ingress": a collection is required, but the value is of type number'],
    ]);
  });
});

describe('references', () => {
  it('an index on a resource or module call without count or for_each is an error, as Terraform makes it', () => {
    const r = loadFiles({
      'main.tf': 'resource "aws_vpc" "a" {\n  cidr_block = "10.0.0.0/16"\n}\nresource "aws_vpc" "b" {\n  cidr_block = aws_vpc.a[0].cidr_block\n}\nmodule "m" {\n  source = "./m"\n}\noutput "o" {\n  value = module.m["x"].o\n}\n',
      'm/main.tf': 'output "o" {\n  value = "v"\n}\n',
    });
    expect(errors(r)).toEqual([
      'main.tf:5:16: aws_vpc.b: Unexpected resource instance key: aws_vpc.a does not set "count" or "for_each", so a reference to it takes no index key; remove the index to refer to its single instance',
      'main.tf:11:11: Unexpected module instance key: module.m does not set "count" or "for_each", so a reference to it takes no index key; remove the index to refer to its single instance',
    ]);
  });

  it('an argument a nested block does not set is, like one of the resource, known only after apply', () => {
    const r = loadFiles({
      'main.tf': `resource "aws_eks_cluster" "c" {
  name = "grid"
  vpc_config {
    subnet_ids = ["subnet-1"]
    nested {
      a = 1
    }
  }
}
resource "aws_ec2_tag" "t" {
  resource_id = aws_eks_cluster.c.vpc_config[0].cluster_security_group_id
  subnets     = aws_eks_cluster.c.vpc_config[0].subnet_ids
  deep        = aws_eks_cluster.c.vpc_config[0].nested[0].b
  whole       = [for x in [aws_eks_cluster.c] : x.vpc_config[0].endpoint_public_access]
}
resource "aws_ec2_tag" "beyond" {
  resource_id = aws_eks_cluster.c.vpc_config[1].cluster_security_group_id
}`,
    });
    const t = resource(r, 'aws_ec2_tag.t').attributes;
    const reasons = (['resource_id', 'deep'] as const).map((k) => [(t[k] as Unknown).reason, (t[k] as Unknown).ref]);
    expect(reasons).toEqual([
      ['aws_eks_cluster.c.vpc_config[0].cluster_security_group_id is known only after apply', 'aws_eks_cluster.c'],
      ['aws_eks_cluster.c.vpc_config[0].nested[0].b is known only after apply', 'aws_eks_cluster.c'],
    ]);
    expect(t['subnets']).toEqual(['subnet-1']);
    expect(((t['whole'] as Unknown[])[0] as Unknown).reason).toBe('aws_eks_cluster.c.vpc_config[0].endpoint_public_access is known only after apply');
    // A block that is not there is still an error, as Terraform's.
    expect(errors(r)).toEqual([expect.stringMatching(/^main\.tf:17:17: aws_ec2_tag\.beyond: Invalid index: the given index 1 is out of range for a collection of 1 element$/)]);
  });

  it('a set argument of a resource that another resource reads is known; a computed one is unknown', () => {
    const r = loadFiles({
      'main.tf': 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\nresource "aws_subnet" "s" {\n  vpc_id = aws_vpc.v.id\n  cidr_block = cidrsubnet(aws_vpc.v.cidr_block, 8, 1)\n}\n',
    });
    const s = resource(r, 'aws_subnet.s').attributes;
    expect(s['cidr_block']).toBe('10.0.1.0/24');
    expect((s['vpc_id'] as Unknown).ref).toBe('aws_vpc.v');
  });

  it('an argument left null and referenced is unknown (the provider may compute it)', () => {
    const r = loadFiles({ 'main.tf': 'resource "aws_vpc" "v" {\n  ipv6_cidr_block = null\n}\nresource "aws_subnet" "s" {\n  ipv6 = aws_vpc.v.ipv6_cidr_block\n}\n' });
    expect((resource(r, 'aws_subnet.s').attributes['ipv6'] as Unknown).reason).toMatch(/null in the configuration/);
    expect(resource(r, 'aws_vpc.v').attributes['ipv6_cidr_block']).toBeNull();
  });

  it('a reference cycle between locals is an input error naming the cycle', () => {
    const r = loadFiles({ 'main.tf': 'locals {\n  a = local.b\n  b = local.a\n}\nresource "aws_vpc" "v" {\n  cidr_block = local.a\n}\n' });
    expect(r.problems.map((p) => p.message)).toEqual([expect.stringMatching(/Cycle in references: local\.a → local\.b → local\.a/)]);
  });

  it('an undeclared reference is an input error at the reference', () => {
    const r = loadFiles({ 'main.tf': 'resource "aws_vpc" "v" {\n  cidr_block = var.nope\n}\n' });
    expect(r.problems.map((p) => [p.location?.line, p.location?.column, p.message])).toEqual([
      [2, 16, expect.stringMatching(/undeclared input variable: variable "nope"/)],
    ]);
  });

  it('try() and can() catch value errors but not unknowns', () => {
    const r = loadFiles({
      'main.tf': 'variable "u" {}\nlocals {\n  m = { a = 1 }\n}\nresource "aws_vpc" "v" {\n  a = try(local.m.b, "fallback")\n  b = can(local.m.b)\n  c = try(var.u.x, "f")\n  d = can(local.m.a)\n}\n',
    });
    const v = resource(r, 'aws_vpc.v').attributes;
    expect([v['a'], v['b'], v['d']]).toEqual(['fallback', false, true]);
    expect(v['c']).toBeInstanceOf(Unknown);
  });

  it('a template renders numbers and bools as Terraform prints them', () => {
    const r = loadFiles({ 'main.tf': 'resource "aws_vpc" "v" {\n  a = "${1 + 2}/${0.5}/${true}/${2e21}"\n  b = "${5}"\n}\n' });
    const v = resource(r, 'aws_vpc.v').attributes;
    expect(v['a']).toBe('3/0.5/true/2000000000000000000000');
    expect(v['b']).toBe(5);
  });

  it('a set-typed variable converts a list value, and for_each accepts it', () => {
    const r = loadFiles({ 'main.tf': 'variable "zones" {\n  type = set(string)\n  default = ["b", "a", "a"]\n}\nresource "aws_subnet" "s" {\n  for_each = var.zones\n}\n' });
    expect(r.model.variables[0]!.value).toEqual(new TfSet(['a', 'b']));
    expect(r.model.resources.map((x) => x.address)).toEqual(['aws_subnet.s["a"]', 'aws_subnet.s["b"]']);
  });
});

describe('modules', () => {
  it('a module without a required argument is an input error at the call', () => {
    const r = loadFiles({ 'main.tf': 'module "m" {\n  source = "./m"\n}\n', 'm/main.tf': 'variable "need" {}\nresource "aws_vpc" "v" {\n  cidr_block = var.need\n}\n' });
    expect(r.problems.map((p) => [p.location?.file, p.location?.line, p.message])).toEqual([['main.tf', 1, expect.stringMatching(/module "m" must set "need"/)]]);
  });

  it('an argument the module does not declare is an input error at the argument, even with count = 0', () => {
    const mod = 'variable "allowed_cidr" {\n  type    = list(string)\n  default = ["0.0.0.0/0"]\n}\nresource "aws_security_group_rule" "r" {\n  cidr_blocks = var.allowed_cidr\n}\n';
    const call = (extra: string) => `module "sg" {\n  source = "./sg"\n${extra}  allowed_cidrs = ["10.0.0.0/8"]\n}\n`;
    for (const extra of ['', '  count = 0\n']) {
      const r = loadFiles({ 'main.tf': call(extra), 'sg/main.tf': mod });
      expect(errors(r)).toEqual([
        `main.tf:${extra ? 4 : 3}:3: Unsupported argument: an argument named "allowed_cidrs" is not expected here (module "sg" declares no variable "allowed_cidrs"): did you mean "allowed_cidr"?`,
      ]);
      expect(r.model.resources).toEqual([]);
    }
  });

  it('several undeclared arguments: one error at the first, naming the others', () => {
    const r = loadFiles({ 'main.tf': 'module "m" {\n  source = "./m"\n  cidr   = "10.0.0.0/16"\n  zone   = "a"\n  tier   = "b"\n}\n', 'm/main.tf': 'variable "cidr" {}\n' });
    expect(errors(r)).toEqual(['main.tf:4:3: Unsupported argument: an argument named "zone" is not expected here (module "m" declares no variable "zone"); nor does it declare "tier"']);
  });

  it('meta-arguments of a module call are not variables', () => {
    const r = loadFiles({
      'main.tf': 'resource "aws_vpc" "v" {}\nmodule "m" {\n  source     = "./m"\n  version    = null\n  for_each   = toset(["a"])\n  providers  = {}\n  depends_on = [aws_vpc.v]\n  cidr       = "10.0.0.0/16"\n}\n',
      'm/main.tf': 'variable "cidr" {}\nresource "aws_subnet" "s" {\n  cidr_block = var.cidr\n}\n',
    });
    expect(errors(r)).toEqual([]);
    expect(attrs(r, 'module.m["a"].aws_subnet.s')).toEqual({ cidr_block: '10.0.0.0/16' });
  });

  it('outputs flow back to the caller; path.module is relative to the root', () => {
    const r = loadFiles({
      'main.tf': 'module "m" {\n  source = "./mods/m"\n  cidr = "10.1.0.0/16"\n}\nresource "aws_subnet" "s" {\n  cidr_block = module.m.first\n  where = module.m.where\n}\n',
      'mods/m/main.tf': 'variable "cidr" {}\noutput "first" {\n  value = cidrsubnet(var.cidr, 8, 0)\n}\noutput "where" {\n  value = path.module\n}\n',
    });
    expect(errors(r)).toEqual([]);
    expect(attrs(r, 'aws_subnet.s')).toEqual({ cidr_block: '10.1.0.0/24', where: 'mods/m' });
  });
});

describe('variable values', () => {
  it('--var takes a plain string for primitive types and an HCL value for others', () => {
    const files = {
      'main.tf': 'variable "s" {\n  type = string\n}\nvariable "l" {\n  type = list(string)\n}\nresource "aws_vpc" "v" {\n  s = var.s\n  l = var.l\n}\n',
    };
    const r = loadFiles(files, { vars: [{ name: 's', value: '[not parsed]' }, { name: 'l', value: '["10.0.0.0/8", "192.168.0.0/16"]' }] });
    expect(errors(r)).toEqual([]);
    expect(attrs(r, 'aws_vpc.v')).toEqual({ s: '[not parsed]', l: ['10.0.0.0/8', '192.168.0.0/16'] });
  });

  it('--var for a variable of type any is an HCL expression, as for any non-primitive type; without a type it is text', () => {
    const files = { 'main.tf': 'variable "a" {\n  type = any\n}\nvariable "u" {}\nresource "aws_vpc" "v" {\n  a = var.a\n  u = var.u\n}\n' };
    const r = loadFiles(files, { vars: [{ name: 'a', value: '["0.0.0.0/0"]' }, { name: 'u', value: '["x"]' }] });
    expect(errors(r)).toEqual([]);
    expect(attrs(r, 'aws_vpc.v')).toEqual({ a: ['0.0.0.0/0'], u: '["x"]' });
    const bare = loadFiles(files, { vars: [{ name: 'a', value: 'hello' }, { name: 'u', value: 'x' }] });
    expect(errors(bare)).toEqual(['--var a:1:5: Variables not allowed: "hello" cannot be referenced in a variable definitions file']);
  });

  it('a variable that is not nullable may not default to null (Terraform: "Invalid default value for variable")', () => {
    const r = loadFiles({ 'main.tf': 'variable "x" {\n  type     = string\n  nullable = false\n  default  = null\n}\n' });
    expect(errors(r)).toEqual(['main.tf:4:14: Invalid default value for variable "x": null is not allowed, because the variable is not nullable']);
  });

  it('a tfvars file may not call functions', () => {
    const r = loadFiles({ 'main.tf': 'variable "a" {}\n', 'terraform.tfvars': 'a = upper("x")\n' });
    expect(r.problems.map((p) => [p.location?.file, p.location?.line, p.message])).toEqual([['terraform.tfvars', 1, expect.stringMatching(/Function calls not allowed/)]]);
  });
});

describe('equality compares types, as Terraform\'s == does', () => {
  const UNDECIDED = (op: string) => ({
    $unknown: `the result of "${op}" depends on whether a collection compared is a list or a tuple (a map or an object), which Terraform's ${op} tells apart and gridfence cannot here`,
  });

  it('a typed list or map is never equal to a tuple or object literal; an empty guard no longer drops a rule', () => {
    const r = loadFiles({
      'main.tf': `
variable "extra" {
  type    = map(string)
  default = {}
}
variable "blocked" {
  type    = list(string)
  default = []
}
resource "aws_security_group_rule" "ssh_world" {
  count       = var.extra == {} ? 0 : 1
  cidr_blocks = var.blocked == [] ? ["10.0.0.0/8"] : ["0.0.0.0/0"]
}`,
    });
    expect(errors(r)).toEqual([]);
    expect(attrs(r, 'aws_security_group_rule.ssh_world[0]')).toEqual({ cidr_blocks: ['0.0.0.0/0'] });
  });

  it('gives Terraform\'s answer where the kinds are certain and Unknown where they are not', () => {
    const cases: Array<[string, unknown]> = [
      ['var.l == []', false],
      ['var.l != []', true],
      ['var.a == []', true],
      ['var.u == []', true],
      ['var.o == { a = [] }', false],
      ['tolist(["a"]) == ["a"]', false],
      ['tomap({ a = "x" }) == { a = "x" }', false],
      ['compact(["a"]) == ["a"]', false],
      ['tolist(["a"]) == tolist(["a"])', true],
      ['[for x in ["a"] : x] == ["a"]', true],
      ['{ a = [1] } == { a = [1] }', true],
      ['["a"] == ["b"]', false],
      ['concat(["a"], []) == ["a"]', UNDECIDED('==')],
      ['(true ? [] : var.l) == []', UNDECIDED('==')],
      ['var.l == tolist([])', UNDECIDED('==')],
      ['aws_vpc.w.l != ["a"]', UNDECIDED('!=')],
    ];
    const body = cases.map(([e], i) => `  c${i} = ${e}`).join('\n');
    const r = loadFiles({
      'main.tf': `
variable "l" {
  type    = list(string)
  default = []
}
variable "a" {
  type    = any
  default = []
}
variable "u" {
  default = []
}
variable "o" {
  type    = object({ a = list(string) })
  default = { a = [] }
}
resource "aws_vpc" "w" {
  l = ["a"]
}
resource "aws_vpc" "v" {
${body}
}`,
    });
    expect(errors(r)).toEqual([]);
    const got = attrs(r, 'aws_vpc.v');
    expect(cases.map(([e], i) => [e, got[`c${i}`]])).toEqual(cases);
  });
});

describe('equality with null, as cty decides it', () => {
  it('null against a value known at its top level is decided by nullness, whatever unknowns it holds inside', () => {
    const r = loadFiles({
      'main.tf': `
variable "cidr" { type = string }
variable "whole" { type = map(string) }
locals {
  rules = { all = { ip_protocol = "-1", cidr_ipv4 = var.cidr } }
}
resource "aws_vpc_security_group_egress_rule" "r" {
  for_each          = local.rules != null ? local.rules : {}
  ip_protocol       = each.value.ip_protocol
  security_group_id = "sg-1"
}
resource "aws_vpc" "v" {
  a = local.rules == null
  b = null != [var.cidr]
  c = var.whole != null
  d = var.cidr == "10.0.0.0/8"
  e = null == null
}`,
    });
    expect(errors(r)).toEqual([]);
    expect(r.model.resources.map((x) => x.address)).toContain('aws_vpc_security_group_egress_rule.r["all"]');
    expect(attrs(r, 'aws_vpc_security_group_egress_rule.r["all"]')).toEqual({ ip_protocol: '-1', security_group_id: 'sg-1' });
    const v = attrs(r, 'aws_vpc.v');
    expect([v['a'], v['b'], v['e']]).toEqual([false, true, true]);
    // A value unknown as a whole may be null: the comparison stays unknown.
    expect(v['c']).toEqual({ $unknown: 'var.whole has no value (no default, no tfvars entry, no --var)' });
    expect(v['d']).toEqual({ $unknown: 'var.cidr has no value (no default, no tfvars entry, no --var)' });
  });
});

describe('conditional results have one type', () => {
  it('a number and a string unify to a string, tuples of different lengths to a list of strings', () => {
    const r = loadFiles({
      'main.tf': `
variable "restricted" {
  type    = bool
  default = true
}
locals {
  port  = var.restricted ? 22 : "all"
  ports = var.restricted ? [22, 443] : ["all"]
  one   = var.restricted ? [22] : ["all"]
  flag  = var.restricted ? true : "no"
  same  = var.restricted ? 22 : 23
  set   = var.restricted ? toset(["b", "a"]) : []
}
resource "aws_vpc" "v" {
  count = local.port == "22" ? 1 : 0
  port  = local.port
  ports = local.ports
  one   = local.one
  flag  = local.flag
  same  = local.same
  set   = local.set
}`,
    });
    expect(errors(r)).toEqual([]);
    expect(attrs(r, 'aws_vpc.v[0]')).toEqual({ port: '22', ports: ['22', '443'], one: ['22'], flag: 'true', same: 22, set: ['a', 'b'] });
  });

  // Terraform 1.11 refuses each of these with "Inconsistent conditional result types" (and
  // try(true ? 1 : true, 5) is 5); gridfence gave the taken branch's value: 1, false, 1, 1, {a = 1}.
  it('branches of types with no common type give no value', () => {
    const cases = ['true ? 1 : true', 'false ? 1 : false', 'true ? 1 : ["a"]', 'try(true ? 1 : true, 5)', 'true ? { a = 1 } : "x"'];
    const r = loadFiles({ 'main.tf': sg(cases.map((e, i) => `  c${i} = ${e}`).join('\n') + '\n  ok = true ? 22 : "all"') });
    expect(errors(r)).toEqual([]);
    const got = attrs(r, 'aws_security_group.x');
    expect(got['ok']).toBe('22');
    for (let i = 0; i < cases.length; i++) {
      expect([cases[i], got[`c${i}`]]).toEqual([cases[i], { $unknown: expect.stringContaining('Inconsistent conditional result types') }]);
    }
  });

  it('a resource object chosen by a conditional still reads unset attributes as known after apply', () => {
    const r = loadFiles({
      'main.tf': 'resource "aws_vpc" "a" {\n  count = 1\n}\nresource "aws_subnet" "s" {\n  vpc_id = (true ? aws_vpc.a : [])[0].id\n}\n',
    });
    expect(errors(r)).toEqual([]);
    expect(attrs(r, 'aws_subnet.s')).toEqual({ vpc_id: { $unknown: 'aws_vpc.a[0].id is known only after apply' } });
  });
});

describe('object keys that are references', () => {
  // Terraform 1.11: an unparenthesised reference with steps is an ambiguous key, a value error.
  it('are refused unless parenthesised', () => {
    const r = loadFiles({ 'main.tf': 'locals {\n  m = { b = "x" }\n}\n' + sg('  a = { (local.m.b) = 1 }\n  b = try({ local.m.b = 1 }, 5)\n  c = can({ local.m["b"] = 1 })') });
    expect(errors(r)).toEqual([]);
    expect(attrs(r, 'aws_security_group.x')).toEqual({ a: { x: 1 }, b: 5, c: false });
    const bad = loadFiles({ 'main.tf': 'locals {\n  m = { b = "x" }\n}\n' + sg('  a = { local.m.b = 1 }') });
    expect(errors(bad)).toEqual([expect.stringMatching(/^main\.tf:5:9: aws_security_group\.x: Ambiguous attribute key: /)]);
  });
});

describe('key order', () => {
  // Terraform 1.11 orders keys by their UTF-8 bytes: U+FFFF before an astral character.
  it('for expressions visit object keys in code point order', () => {
    const r = loadFiles({ 'main.tf': sg('  a = [for k, v in { "\\uffff" = 1, "\\U0001F600" = 2 } : v]') });
    expect(errors(r)).toEqual([]);
    expect(attrs(r, 'aws_security_group.x')).toEqual({ a: [1, 2] });
  });
});

describe('strings are in normal form C', () => {
  // Terraform 1.11: "é" == "e\u0301" is true, toset(["e\u0301", "é"]) is ["é"],
  // { "e\u0301" = 1, "é" = 2 } is { "é" = 2 }, contains(["é"], "e\u0301") is true; gridfence kept the
  // decomposed text apart (false, two elements, two keys, false).
  it('a combining sequence is the precomposed character', () => {
    const r = loadFiles({
      'main.tf': sg(
        '  a = "é" == "e\\u0301"\n  b = toset(["e\\u0301", "é"])\n  c = { "e\\u0301" = 1, "é" = 2 }\n  d = contains(["é"], "e\\u0301")\n  e = "a\\u0301${"b"}" == "áb"',
      ),
    });
    expect(errors(r)).toEqual([]);
    expect(attrs(r, 'aws_security_group.x')).toEqual({ a: true, b: ['é'], c: { é: 2 }, d: true, e: true });
  });
});

describe('attribute-only splats', () => {
  // Terraform 1.11's values: a number after a dot indexes each element, and a bracket ends the splat.
  it('index each element with .0', () => {
    const r = loadFiles({
      'main.tf': sg('  a = [{ a = [1, 2] }, { a = [3, 4] }].*.a.0\n  b = [[1, 2], [3, 4]].*.1\n  c = [{ a = [{ b = 1 }] }].*.a.0.b\n  d = [[1, 2], [3, 4]].*[1]'),
    });
    expect(errors(r)).toEqual([]);
    expect(attrs(r, 'aws_security_group.x')).toEqual({ a: [1, 3], b: [2, 4], c: [1], d: [3, 4] });
  });
});

describe('calls to a function that does not exist', () => {
  // Terraform 1.11 plans can(nosuchfunc(1)) as false and try(nosuchfunc(1), 5) as 5.
  it('are value errors, which try() and can() catch', () => {
    const r = loadFiles({ 'main.tf': sg('  a = can(nosuchfunc(1))\n  b = try(nosuchfunc(1), 5)') });
    expect(errors(r)).toEqual([]);
    expect(attrs(r, 'aws_security_group.x')).toEqual({ a: false, b: 5 });
  });

  it('are errors at the function name elsewhere', () => {
    const r = loadFiles({ 'main.tf': sg('  a = nosuchfunc(1)') });
    expect(errors(r)).toEqual(['main.tf:2:7: aws_security_group.x: Call to unknown function: there is no function named "nosuchfunc"']);
  });
});

describe('arithmetic at the edges, as Terraform 1.11 computes it', () => {
  it('divides by zero to an infinity and takes x % 0 as x', () => {
    const r = loadFiles({
      'main.tf': sg('  a = tostring(1 / 0)\n  b = tostring(-1 / 0)\n  c = 5 % 0\n  d = try(1 / 0, "x") > 5\n  e = "${-7.5 % 0}"'),
    });
    expect(errors(r)).toEqual([]);
    expect(attrs(r, 'aws_security_group.x')).toEqual({ a: '+Inf', b: '-Inf', c: 5, d: true, e: -7.5 });
  });

  // Terraform 1.11 computes with 512-bit floats, so decimal operands give their decimal result; as
  // doubles, floor(0.29 * 100) was 28, 0.3 % 0.1 was 0.09999999999999998 and 0.1 + 0.2 == 0.3 false.
  it('gives the double nearest Terraform\'s result for operations on decimals', () => {
    const cases: Array<[string, unknown]> = [
      ['floor(0.29 * 100)', 29],
      ['floor(4.35 * 100)', 435],
      ['ceil(-0.29 * 100)', -29],
      ['floor(0.3 / 0.1)', 3],
      ['floor((0.7 + 0.1) * 10)', 8],
      ['1.005 * 1000', 1005],
      ['0.3 % 0.1', 0],
      ['1.1 % 0.2', 0.1],
      ['-7.5 % 2', -1.5],
      ['0.1 + 0.2 == 0.3', true],
      ['tostring(0.1 + 0.2 + 0.3)', '0.6'],
      ['8080 * 1.5', 12120],
      ['cidrhost("10.0.0.0/16", 2.9 * 10)', '10.0.0.29'],
      ['1 / 3 * 3', 1],
      ['2 / 3 * 3 == 2', true],
      ['floor(0.57 * 100)', 57],
    ];
    const r = loadFiles({ 'main.tf': sg(cases.map(([e], i) => `  c${i} = ${e}`).join('\n')) });
    expect(errors(r)).toEqual([]);
    const got = attrs(r, 'aws_security_group.x');
    expect(cases.map(([e], i) => [e, got[`c${i}`]])).toEqual(cases);
  });

  it.each([
    ['0 / 0', "can't divide zero by zero or infinity by infinity"],
    ['(1 / 0) - (1 / 0)', "can't subtract infinity from itself"],
    ['(1 / 0) * 0', "can't multiply zero by infinity"],
    ['(1 / 0) + (-1 / 0)', "can't compute sum of opposing infinities"],
    ['5 % (1 / 0)', "can't use modulo with infinity"],
  ])('%s has no result', (expr, why) => {
    const r = loadFiles({ 'main.tf': sg(`  a = ${expr}`) });
    expect(errors(r)).toEqual([`main.tf:2:7: aws_security_group.x: Operation failed: ${why}`]);
  });
});

describe('terraform.workspace', () => {
  const files = { 'main.tf': 'resource "aws_vpc" "v" {\n  ws   = terraform.workspace\n  prod = terraform.workspace == "prod"\n}\n' };
  const UNSET = { $unknown: 'terraform.workspace is chosen when Terraform runs (terraform workspace select, or TF_WORKSPACE, which is not set)' };

  it('is TF_WORKSPACE when set, and Unknown (never "default") when not', () => {
    const saved = process.env['TF_WORKSPACE'];
    try {
      process.env['TF_WORKSPACE'] = 'prod';
      expect(attrs(loadFiles(files), 'aws_vpc.v')).toEqual({ ws: 'prod', prod: true });
      process.env['TF_WORKSPACE'] = '';
      expect(attrs(loadFiles(files), 'aws_vpc.v')).toEqual({ ws: UNSET, prod: UNSET });
      delete process.env['TF_WORKSPACE'];
      expect(attrs(loadFiles(files), 'aws_vpc.v')).toEqual({ ws: UNSET, prod: UNSET });
    } finally {
      if (saved === undefined) delete process.env['TF_WORKSPACE'];
      else process.env['TF_WORKSPACE'] = saved;
    }
  });

  it('is the workspace the caller gives', () => {
    expect(attrs(loadFiles(files, { workspace: 'staging' }), 'aws_vpc.v')).toEqual({ ws: 'staging', prod: false });
  });
});

describe('templatestring()', () => {
  const run = (expr: string) => {
    const r = loadFiles({
      'main.tf': `locals {\n  tpl = "port $\${port}%%{ if open } open%%{ endif }"\n  n   = 5\n}\nresource "aws_vpc" "v" {\n  a = ${expr}\n}\n`,
    });
    return { errors: errors(r), attrs: r.model.resources.length ? attrs(r, 'aws_vpc.v') : undefined };
  };
  const ERR = (msg: string) => `main.tf:6:7: aws_vpc.v: Error in function call templatestring(): Invalid value for ${msg}`;

  it('renders a string value as a template with only the given variables', () => {
    expect(run('templatestring(local.tpl, { port = 22, open = true, extra = 1 })')).toEqual({ errors: [], attrs: { a: 'port 22 open' } });
    expect(run('templatestring(local.tpl, { port = local.n, open = false })')).toEqual({ errors: [], attrs: { a: 'port 5' } });
    expect(run('templatestring(local.tpl, { port = aws_vpc.w.id, open = false })').errors).toEqual([
      'main.tf:6:42: Reference to undeclared resource: resource "aws_vpc" "w" is not declared in the root module',
    ]);
  });

  it('is Unknown when the template or the variables are', () => {
    const r = loadFiles({
      'main.tf': 'variable "t" {\n  type = string\n}\nvariable "p" {\n  type = number\n}\nlocals {\n  tpl = "port $${port}"\n}\nresource "aws_vpc" "v" {\n  a = templatestring(var.t, {})\n  b = templatestring(local.tpl, { port = var.p })\n  c = templatestring(local.tpl, { port = var.p + 1 })\n}\n',
    });
    expect(errors(r)).toEqual([]);
    const v = resource(r, 'aws_vpc.v');
    const where = (x: unknown) => (x instanceof Unknown ? { reason: x.reason, ...(x.at ? { at: toLocation(x.at) } : {}) } : x);
    // Each rests on the variable without a value, placed at its declaration.
    const t = { reason: 'var.t has no value (no default, no tfvars entry, no --var)', at: { file: 'main.tf', line: 1, column: 1, endLine: 3, endColumn: 2 } };
    const p = { reason: 'var.p has no value (no default, no tfvars entry, no --var)', at: { file: 'main.tf', line: 4, column: 1, endLine: 6, endColumn: 2 } };
    expect(['a', 'b', 'c'].map((k) => where(v.attributes[k]))).toEqual([t, p, p]);
  });

  it('takes only a reference to a string, and every variable the template reads', () => {
    expect(run('templatestring("x${local.n}", {})').errors).toEqual([
      ERR('"template" parameter: invalid template expression: templatestring is only for rendering templates retrieved dynamically from elsewhere; to render an inline template, consider using a plain template string expression.'),
    ]);
    expect(run('templatestring("${local.tpl}", {})').errors).toEqual([
      ERR('"template" parameter: invalid template expression: templatestring is only for rendering templates retrieved dynamically from elsewhere; to treat the inner expression as template syntax, write the reference expression directly without any template interpolation syntax.'),
    ]);
    expect(run('templatestring(upper(local.tpl), {})').errors).toEqual([
      ERR('"template" parameter: invalid template expression: must be a direct reference to a single string from elsewhere, containing valid Terraform template syntax.'),
    ]);
    expect(run('templatestring(local.n, {})').errors).toEqual([ERR('"template" parameter: invalid template value: a string is required.')]);
    expect(run('templatestring(local.tpl, { port = 22 })').errors).toEqual([
      ERR('"vars" parameter: Invalid reference in template: "open" is not one of the variables passed to templatestring(), at <templatestring argument>:1,19.'),
    ]);
  });
});

describe('override files', () => {
  it('an override of a module call\'s providers map decides which provider configuration (and default tags) its resources get', () => {
    const r = loadFiles({
      'main.tf': 'provider "aws" {\n  alias = "a"\n  default_tags {\n    tags = { env = "a" }\n  }\n}\nprovider "aws" {\n  alias = "b"\n  default_tags {\n    tags = { env = "b" }\n  }\n}\nmodule "m" {\n  source    = "./m"\n  providers = { aws = aws.a }\n}\n',
      'm_override.tf': 'module "m" {\n  providers = { aws = aws.b }\n}\n',
      'm/main.tf': 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n',
    });
    const vpc = r.model.resources.find((x) => x.address === 'module.m.aws_vpc.v')!;
    expect(vpc.attributes['tags_all']).toEqual({ env: 'b' });
  });

  it('merge into the primary block: attributes replaced in place, nested blocks replaced by type, each from its own file', () => {
    const r = loadFiles({
      'main.tf': `
resource "aws_security_group" "sg" {
  name = "sg"
  ingress {
    from_port   = 22
    cidr_blocks = ["10.0.0.0/8"]
  }
  egress {
    from_port = 0
  }
  tags = { Name = "sg" }
}`,
      'ci_override.tf': 'resource "aws_security_group" "sg" {\n  name = "ci-${local.suffix}"\n  ingress {\n    from_port   = 3389\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n  description = "ci"\n}\nlocals {\n  suffix = "x"\n}\n',
      'z.tf': 'locals {\n  suffix = "primary"\n}\n',
    });
    expect(errors(r)).toEqual([]);
    expect(attrs(r, 'aws_security_group.sg')).toEqual({
      name: 'ci-x',
      tags: { Name: 'sg' },
      description: 'ci',
      ingress: [{ from_port: 3389, cidr_blocks: ['0.0.0.0/0'] }],
      egress: [{ from_port: 0 }],
    });
    const at = resource(r, 'aws_security_group.sg').sources.get('ingress[0].cidr_blocks')!;
    expect([at.file.path, at.file.position(at.start).line]).toEqual(['ci_override.tf', 5]);
  });

  it('override variables, outputs, module arguments and count, later files winning, .tf.json too', () => {
    const r = loadFiles({
      'main.tf': `
variable "cidr" {
  type    = string
  default = "10.0.0.0/8"
}
module "m" {
  source = "./m"
  cidr   = var.cidr
}
resource "aws_vpc" "v" {
  count      = 1
  cidr_block = module.m.cidr
}
output "o" {
  value = "primary"
}`,
      'a_override.tf': 'variable "cidr" {\n  default = "0.0.0.0/0"\n}\nresource "aws_vpc" "v" {\n  count = 2\n}\n',
      'b_override.tf.json': '{"module": {"m": {"cidr": "${var.cidr}-b"}}, "output": {"o": {"value": "b"}}}',
      'm/main.tf': 'variable "cidr" {}\noutput "cidr" {\n  value = var.cidr\n}\n',
    });
    expect(errors(r)).toEqual([]);
    expect(r.model.resources.map((x) => [x.address, toJSON(x.attributes)])).toEqual([
      ['aws_vpc.v[0]', { cidr_block: '0.0.0.0/0-b' }],
      ['aws_vpc.v[1]', { cidr_block: '0.0.0.0/0-b' }],
    ]);
    expect(r.model.outputs.map((o) => [o.address, o.value])).toEqual([
      ['module.m.output.cidr', '0.0.0.0/0-b'],
      ['output.o', 'b'],
    ]);
  });

  it('an override without a primary declaration is an input error at the override block', () => {
    const r = loadFiles({ 'main.tf': 'locals {\n  a = 1\n}\n', 'override.tf': '\nresource "aws_vpc" "nope" {\n  cidr_block = "10.0.0.0/8"\n}\nlocals {\n  b = 2\n}\n' });
    expect(errors(r)).toEqual(['override.tf:2:1: Missing base resource "aws_vpc" "nope" to override: an override file can only change what the module\'s other files declare']);
  });
});

describe('object keys that are special in JavaScript', () => {
  it('"__proto__", "constructor" and "toString" are ordinary attribute names', () => {
    const r = loadFiles({ 'main.tf': 'resource "aws_vpc" "v" {\n  tags = { "__proto__" = "a", constructor = "b", toString = "c" }\n  has = can(tomap({}).toString)\n}\n' });
    expect(errors(r)).toEqual([]);
    expect(JSON.stringify(attrs(r, 'aws_vpc.v'))).toBe('{"tags":{"__proto__":"a","constructor":"b","toString":"c"},"has":false}');
  });

  it('an object where text is expected reads as "{…}", not a crash, and shows no key for it', () => {
    const o = newObject([['a', 1]]);
    expect([String(o), `${o}`, String([o, 'x']), Number(o)]).toEqual(['{…}', '{…}', '{…},x', Number.NaN]);
    expect([Object.keys(o), JSON.stringify(o), { ...o }, 'toString' in o]).toEqual([['a'], '{"a":1}', { a: 1 }, false]);
  });
});

describe('runaway evaluation', () => {
  it('a chain of references thousands deep is an input error, not a stack overflow', () => {
    const n = 3000;
    const locals = Array.from({ length: n }, (_, i) => `  l${i} = local.l${i + 1}`).join('\n');
    const r = loadFiles({ 'main.tf': `locals {\n${locals}\n  l${n} = "x"\n}\nresource "aws_vpc" "v" {\n  cidr_block = local.l0\n}\n` });
    expect(r.problems.map((p) => [p.code, p.message])).toEqual([['tf-depth', expect.stringMatching(/References nested more than \d+ deep/)]]);
  });

  it('a chain of two hundred locals still evaluates', () => {
    const n = 200;
    const locals = Array.from({ length: n }, (_, i) => `  l${i} = local.l${i + 1}`).join('\n');
    const r = loadFiles({ 'main.tf': `locals {\n${locals}\n  l${n} = "x"\n}\nresource "aws_vpc" "v" {\n  cidr_block = local.l0\n}\n` });
    expect(errors(r)).toEqual([]);
    expect(attrs(r, 'aws_vpc.v')).toEqual({ cidr_block: 'x' });
  });
});

/** Runs `fn` with the run's instance budget lowered to `n`. */
function withBudget(n: number, fn: () => void): void {
  const saved = runLimits.instances;
  runLimits.instances = n;
  try {
    fn();
  } finally {
    runLimits.instances = saved;
  }
}

describe('runaway expansion', () => {
  it('a count in the billions is refused with a located error, not expanded', () => {
    const r = loadFiles({ 'main.tf': 'resource "aws_instance" "i" {\n  count = 1000000000\n}\n' });
    expect(r.problems.map((p) => [p.location?.line, p.message])).toEqual([[2, expect.stringMatching(/more than the 100000 instances/)]]);
  });

  it('counts that multiply through module calls past the run\'s budget: one error at the block that crosses it, and no more instances', () => {
    withBudget(1000, () => {
      const r = loadFiles({
        'main.tf': 'module "m" {\n  source = "./m"\n  count  = 40\n}\nresource "aws_vpc" "after" {\n  cidr_block = "10.0.0.0/16"\n}\n',
        'm/main.tf': 'resource "aws_subnet" "s" {\n  count      = 40\n  cidr_block = "10.0.1.0/24"\n}\noutput "first" {\n  value = aws_subnet.s[0].cidr_block\n}\n',
        'refs.tf': 'output "last" {\n  value = module.m[39].first\n}\n',
      });
      // The 40 calls, the root's VPC, then 40 subnets per call: the 24th call's cross the line (41 + 24 × 40 > 1000).
      expect(r.problems.map((p) => [p.location?.file.endsWith('m/main.tf'), p.location?.line, p.message])).toEqual([
        [true, 1, 'module.m[23].aws_subnet.s brings the instances of this run (of resources and module calls) past 1000: count and for_each multiply through module calls, and gridfence stops expanding here rather than exhaust its memory, leaving out what comes after'],
      ]);
      expect(r.model.resources.filter((x) => x.type === 'aws_subnet')).toHaveLength(920);
      expect(r.model.resources.some((x) => x.address === 'aws_vpc.after')).toBe(true);
      // What refers to a group left out is unknown, never an internal error.
      const last = r.model.outputs.filter((o) => /^(output\.last|module\.m\[39\]\.output\.first)$/.test(o.address)).map((o) => [o.address, toJSON(o.value)]);
      const cut = { $unknown: 'module.m[39].aws_subnet.s is left out: the run expands more instances than gridfence takes' };
      expect(last).toEqual([['module.m[39].output.first', cut], ['output.last', cut]]);
    });
  });

  it('a module call whose count alone passes the budget: the error at the call, and its outputs unknown', () => {
    withBudget(100, () => {
      const r = loadFiles({
        'main.tf': 'module "m" {\n  source = "./m"\n  count  = 200\n}\noutput "x" {\n  value = module.m[5].x\n}\n',
        'm/main.tf': 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\noutput "x" {\n  value = aws_vpc.v.cidr_block\n}\n',
      });
      expect(r.problems.map((p) => [p.location?.line, p.message])).toEqual([
        [1, 'module.m brings the instances of this run (of resources and module calls) past 100: count and for_each multiply through module calls, and gridfence stops expanding here rather than exhaust its memory, leaving out what comes after'],
      ]);
      expect(r.model.resources).toEqual([]);
      expect(r.model.outputs.map((o) => [o.address, toJSON(o.value)])).toEqual([['output.x', { $unknown: 'module.m is left out: the run expands more instances than gridfence takes' }]]);
    });
  });
});

describe('a shared value that fails', () => {
  it('a variable whose value has the wrong type is one error at the variable, not one more per resource that reads it', () => {
    const r = loadFiles(
      {
        'main.tf': 'variable "cidrs" {\n  type = list(string)\n}\nresource "aws_security_group" "a" {\n  tags = { c = var.cidrs[0] }\n}\nresource "aws_security_group" "b" {\n  tags = { c = var.cidrs[0] }\n}\nresource "aws_subnet" "s" {\n  cidr_block = var.cidrs[0]\n}\n',
      },
      { vars: [{ name: 'cidrs', value: '{}' }] },
    );
    expect(r.problems.map((p) => `${p.location?.line}:${p.location?.column} ${p.message}`)).toEqual(['1:1 Invalid value for variable "cidrs": var.cidrs: a list is required, but the value is of type object']);
  });
});

describe('--var for a variable the root does not declare', () => {
  it('is a usage error naming the root as reports show its files, never by the machine\'s absolute path', () => {
    const r = loadFiles({ 'main.tf': 'variable "cidr" {}\n' }, { vars: [{ name: 'nope', value: '1' }] });
    const messages = r.problems.map((p) => p.message);
    expect(messages).toEqual([expect.stringMatching(/^--var nope=…: the root module \([^/][^)]*\) declares no variable "nope"$/)]);
  });
});

describe('many instances failing alike', () => {
  it('the same problem at one place is listed ten times, then counted in one line', () => {
    const r = loadFiles({ 'main.tf': 'locals {\n  rules = ["a"]\n}\nresource "aws_security_group_rule" "r" {\n  count       = 25\n  description = local.rules[count.index]\n}\n' });
    const at = r.problems.map((p) => `${p.location?.line}:${p.location?.column} ${p.message}`);
    expect(at).toHaveLength(11);
    expect(at.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, i) => `6:17 aws_security_group_rule.r[${i + 1}]: Invalid index: the given index ${i + 1} is out of range for a collection of 1 element`));
    expect(at[10]).toBe('6:17 14 more like "aws_security_group_rule.r[10]: Invalid index: the given index 10 is out of range for a collection of 1 element" at this place (other instances of the same block) are not listed');
  });
});

describe('values too large to hold', () => {
  it('a function result beyond memory is an input error at the call', () => {
    const r = loadFiles({ 'main.tf': 'output "x" {\n  value = format("%999999999d", 1)\n}\n' });
    expect(r.problems.map((p) => [p.location?.line, p.location?.column, p.message])).toEqual([[2, 11, expect.stringMatching(/format\(\): the result is too large/)]]);
  });
});
