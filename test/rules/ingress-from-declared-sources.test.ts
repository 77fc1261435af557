import { describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { writeTree } from '../support/files.js';
import { rangeOf, runRule, ZONES_YAML } from '../support/rule-tester.js';

const ID = 'ingress-from-declared-sources';
const sg = (ingress: string, name = 'ven') => `resource "aws_security_group" "${name}" {
  name = "${name}"
${ingress}
}
`;
const rule = (cidrs: string, port = 443) => `  ingress {
    from_port   = ${port}
    to_port     = ${port}
    protocol    = "tcp"
    cidr_blocks = ${cidrs}
  }`;

describe(ID, () => {
  describe('valid', () => {
    it.each([
      ['a /16 is not wider than /16', sg(rule('["10.0.0.0/16"]'))],
      ['two /17 halves make exactly one /16', sg(rule('["10.0.0.0/17", "10.0.128.0/17"]'))],
      ['a source security group is an internal source', sg('  ingress {\n    from_port = 443\n    to_port = 443\n    protocol = "tcp"\n    security_groups = ["sg-0123"]\n  }')],
      ['egress is not inbound', sg('  egress {\n    from_port = 0\n    to_port = 0\n    protocol = "-1"\n    cidr_blocks = ["0.0.0.0/0"]\n  }')],
    ])('%s', (_name, main) => {
      expect(runRule(ID, { 'main.tf': main })).toEqual([]);
    });

    it('a source inside a declared zone subnet', () => {
      const main = `resource "aws_subnet" "dmz" {
  cidr_block = "10.10.2.0/24"
  tags = { gridfence-zone = "dmz" }
}
resource "aws_security_group" "ven" {
  tags = { gridfence-zone = "dispatch" }
${rule('["10.10.2.0/24"]', 8443)}
}
`;
      expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML })).toEqual([]);
    });

    it('a security group outside every declared zone is not judged', () => {
      expect(runRule(ID, { 'main.tf': sg(rule('["0.0.0.0/0"]')) }, { config: ZONES_YAML })).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('0.0.0.0/0 in an inline ingress block, located at cidr_blocks', () => {
      const main = sg(rule('["0.0.0.0/0"]'));
      expect(runRule(ID, { 'main.tf': main })).toEqual([
        expect.objectContaining({
          messageId: 'internet',
          data: { target: 'aws_security_group.ven', service: 'tcp/443', source: '0.0.0.0/0' },
          resource: 'aws_security_group.ven',
          file: 'main.tf',
          ...rangeOf(main, 'cidr_blocks = ["0.0.0.0/0"]'),
          certainty: 'definite',
        }),
      ]);
    });

    it('a group that protects hosts of two zones (so no zone of its own) is judged all the same', () => {
      const host = (name: string, zone: string) => `resource "aws_instance" "${name}" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  vpc_security_group_ids = [aws_security_group.shared.id]
  tags                   = { gridfence-zone = "${zone}" }
}
`;
      const main = sg(rule('["0.0.0.0/0"]', 22), 'shared') + host('ven', 'dispatch') + host('relay', 'dmz');
      expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML })).toEqual([
        expect.objectContaining({ messageId: 'internet', resource: 'aws_security_group.shared', ...rangeOf(main, 'cidr_blocks = ["0.0.0.0/0"]') }),
      ]);
    });

    it('0.0.0.0/1 and 128.0.0.0/1 together are the whole internet', () => {
      const main = sg(rule('["0.0.0.0/1", "128.0.0.0/1"]'));
      expect(runRule(ID, { 'main.tf': main })).toEqual([
        expect.objectContaining({ messageId: 'internetSplit', data: expect.objectContaining({ source: '0.0.0.0/0', sources: '0.0.0.0/1, 128.0.0.0/1' }), ...rangeOf(main, 'cidr_blocks = ["0.0.0.0/1", "128.0.0.0/1"]') }),
      ]);
    });

    it('IPv6 ::/0', () => {
      const main = sg('  ingress {\n    from_port = 22\n    to_port = 22\n    protocol = "tcp"\n    ipv6_cidr_blocks = ["::/0"]\n  }');
      expect(runRule(ID, { 'main.tf': main })).toEqual([
        expect.objectContaining({ messageId: 'internet', data: expect.objectContaining({ source: '::/0', service: 'tcp/22' }), ...rangeOf(main, 'ipv6_cidr_blocks = ["::/0"]') }),
      ]);
    });

    it('a separate aws_security_group_rule names its security group', () => {
      const main = `resource "aws_security_group" "ven" {}
resource "aws_security_group_rule" "https" {
  type              = "ingress"
  security_group_id = aws_security_group.ven.id
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}
`;
      expect(runRule(ID, { 'main.tf': main })).toEqual([
        expect.objectContaining({ messageId: 'internet', data: expect.objectContaining({ target: 'aws_security_group.ven' }), resource: 'aws_security_group_rule.https', ...rangeOf(main, 'cidr_blocks       = ["0.0.0.0/0"]') }),
      ]);
    });

    it('aws_vpc_security_group_ingress_rule with cidr_ipv4', () => {
      const main = `resource "aws_security_group" "ven" {}
resource "aws_vpc_security_group_ingress_rule" "https" {
  security_group_id = aws_security_group.ven.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}
`;
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'internet', ...rangeOf(main, 'cidr_ipv4         = "0.0.0.0/0"') })]);
    });

    it('halves of the internet split across two rule resources on the same port', () => {
      const r = (n: string, c: string) => `resource "aws_security_group_rule" "${n}" {
  type              = "ingress"
  security_group_id = aws_security_group.ven.id
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = ["${c}"]
}
`;
      const main = `resource "aws_security_group" "ven" {}\n${r('low', '0.0.0.0/1')}${r('high', '128.0.0.0/1')}`;
      const found = runRule(ID, { 'main.tf': main });
      expect(found).toEqual([expect.objectContaining({ messageId: 'internetSplit', resource: 'aws_security_group_rule.low', data: expect.objectContaining({ sources: '0.0.0.0/1, 128.0.0.0/1' }) })]);
      expect(found[0]).toMatchObject(rangeOf(main, 'cidr_blocks       = ["0.0.0.0/1"]'));
    });

    it('a prefix wider than /16', () => {
      const main = sg(rule('["10.0.0.0/15"]'));
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'tooWide', data: expect.objectContaining({ source: '10.0.0.0/15', maxPrefix: '16' }), ...rangeOf(main, 'cidr_blocks = ["10.0.0.0/15"]') })]);
    });

    it('maxPrefix comes from the rule options', () => {
      const main = sg(rule('["10.0.0.0/20"]'));
      const found = runRule(ID, { 'main.tf': main }, { config: 'version: 1\nrules:\n  ingress-from-declared-sources: { options: { maxPrefix: 24 } }\n' });
      expect(found).toEqual([expect.objectContaining({ messageId: 'tooWide', data: expect.objectContaining({ maxPrefix: '24' }) })]);
    });

    it('a rule inside a module is located in the module file, with its caller', () => {
      const main = 'module "edge" {\n  source = "./modules/edge"\n  allowed = ["0.0.0.0/0"]\n}\n';
      const mod = `variable "allowed" {}\n${sg(rule('var.allowed'), 'this')}`;
      expect(runRule(ID, { 'main.tf': main, 'modules/edge/main.tf': mod })).toEqual([
        expect.objectContaining({
          messageId: 'internet',
          resource: 'module.edge.aws_security_group.this',
          file: 'modules/edge/main.tf',
          ...rangeOf(mod, 'cidr_blocks = var.allowed'),
          callers: ['main.tf:1'],
        }),
      ]);
    });

    it('a for_each-expanded security group names the instance', () => {
      const main = `locals {
  groups = { a = "10.1.0.0/24", b = "0.0.0.0/0" }
}
resource "aws_security_group" "zone" {
  for_each = local.groups
${rule('[each.value]')}
}
`;
      expect(runRule(ID, { 'main.tf': main })).toEqual([
        expect.objectContaining({ messageId: 'internet', resource: 'aws_security_group.zone["b"]', ...rangeOf(main, 'cidr_blocks = [each.value]') }),
      ]);
    });

    it('an unknown CIDR is a possible finding naming the variable', () => {
      const main = `variable "partner_cidrs" {\n  type = list(string)\n}\n${sg(rule('var.partner_cidrs'))}`;
      expect(runRule(ID, { 'main.tf': main })).toEqual([
        expect.objectContaining({
          messageId: 'unknownSource',
          certainty: 'possible',
          unknowns: [expect.stringMatching(/^var\.partner_cidrs has no value/)],
          ...rangeOf(main, 'cidr_blocks = var.partner_cidrs'),
        }),
      ]);
    });

    it('a source no zone or external declares', () => {
      const main = `resource "aws_subnet" "dmz" {
  cidr_block = "10.10.2.0/24"
  tags = { gridfence-zone = "dmz" }
}
resource "aws_security_group" "ven" {
  tags = { gridfence-zone = "dispatch" }
${rule('["10.10.2.0/24", "198.18.0.0/24"]', 8443)}
}
`;
      expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML })).toEqual([
        expect.objectContaining({ messageId: 'undeclared', data: expect.objectContaining({ source: '198.18.0.0/24' }) }),
      ]);
    });

    it('a managed prefix list is read for its entries', () => {
      const main = `resource "aws_ec2_managed_prefix_list" "anyone" {
  name = "anyone"
  address_family = "IPv4"
  max_entries = 1
  entry {
    cidr = "0.0.0.0/0"
  }
}
resource "aws_security_group" "ven" {
  ingress {
    from_port = 443
    to_port = 443
    protocol = "tcp"
    prefix_list_ids = [aws_ec2_managed_prefix_list.anyone.id]
  }
}
`;
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'internet', ...rangeOf(main, 'prefix_list_ids = [aws_ec2_managed_prefix_list.anyone.id]') })]);
    });
  });

  it('speaks Japanese with --lang ja', async () => {
    const { lintFiles } = await import('../support/rule-tester.js');
    const r = lintFiles(ID, { 'main.tf': sg(rule('["0.0.0.0/0"]')) }, { lang: 'ja' });
    expect(r.findings[0]!.message).toBe('aws_security_group.ven がインターネット全体（0.0.0.0/0）からの tcp/443 を許可しています');
  });
});

describe(`${ID}: sources from prefix lists, Azure and mixed ports`, () => {
  it('a prefix list whose entries are separate resources', () => {
    const main = `resource "aws_ec2_managed_prefix_list" "p" {
  name           = "p"
  address_family = "IPv4"
  max_entries    = 1
}
resource "aws_ec2_managed_prefix_list_entry" "all" {
  prefix_list_id = aws_ec2_managed_prefix_list.p.id
  cidr           = "0.0.0.0/0"
}
resource "aws_security_group" "s" {
  ingress {
    protocol        = "tcp"
    from_port       = 443
    to_port         = 443
    prefix_list_ids = [aws_ec2_managed_prefix_list.p.id]
  }
}
`;
    expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'internet' })]);
  });

  it('a prefix list read from a data source is unknown: a possible finding', () => {
    const main = `data "aws_ec2_managed_prefix_list" "x" {
  name = "partners"
}
resource "aws_security_group" "s" {
  ingress {
    protocol        = "tcp"
    from_port       = 443
    to_port         = 443
    prefix_list_ids = [data.aws_ec2_managed_prefix_list.x.id]
  }
}
`;
    expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'unknownSource', certainty: 'possible' })]);
  });

  it('tcp/443 from one half and all ports from the other half open 443 to the internet', () => {
    const main = `resource "aws_security_group" "s" {
  ingress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/1"]
  }
  ingress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["128.0.0.0/1"]
  }
}
`;
    expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'internetSplit', data: expect.objectContaining({ service: 'tcp/443', sources: '0.0.0.0/1, 128.0.0.0/1' }) })]);
  });

  it('two adjacent /16s are named together as too wide', () => {
    const main = sg(rule('["10.0.0.0/16", "10.1.0.0/16"]'));
    expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'tooWide', data: expect.objectContaining({ source: '10.0.0.0/16 + 10.1.0.0/16' }) })]);
  });

  it("a standalone Azure rule attached by name is judged in its NSG's zone", () => {
    const main = `resource "azurerm_network_security_group" "d" {
  name                = "nsg-dispatch"
  resource_group_name = "rg"
  location            = "japaneast"
}
resource "azurerm_network_security_rule" "in" {
  name                        = "in"
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "443"
  source_address_prefix       = "Internet"
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = azurerm_network_security_group.d.name
}
`;
    const config = 'version: 1\nzones:\n  dispatch:\n    role: dispatch-link\n    match: { addresses: ["azurerm_network_security_group.d"] }\n';
    expect(runRule(ID, { 'main.tf': main }, { config })).toEqual([
      expect.objectContaining({ messageId: 'internet', data: expect.objectContaining({ target: 'azurerm_network_security_group.d' }), resource: 'azurerm_network_security_rule.in' }),
    ]);
  });
});

/** An NSG with one inbound rule to tcp/443: `sources` are its source lines; direction and access as written. */
const nsg = (sources: string, direction = '"Inbound"', access = '"Allow"') => `resource "azurerm_network_security_group" "d" {
  name                = "nsg-dispatch"
  resource_group_name = "rg"
  location            = "japaneast"
  security_rule {
    name                       = "in"
    priority                   = 100
    direction                  = ${direction}
    access                     = ${access}
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
${sources}
    destination_address_prefix = "*"
  }
}
`;

describe(`${ID}: sources written as text that is no address`, () => {

  it.each([
    ['a malformed CIDR block', sg(rule('["10.0.0.0/33"]')), '"10.0.0.0/33" is neither an IP address nor a CIDR block', 'cidr_blocks = ["10.0.0.0/33"]'],
    ['a number where an address belongs', sg(rule('[10]')), '10 is not an IP address or CIDR block as text', 'cidr_blocks = [10]'],
    ['an Azure service tag on AWS', sg(rule('["VirtualNetwork"]')), '"VirtualNetwork" is neither an IP address nor a CIDR block', 'cidr_blocks = ["VirtualNetwork"]'],
  ])('%s on AWS is an input error at the attribute (AWS refuses it), not a finding as well', (_name, main, what, at) => {
    const dir = writeTree({ 'main.tf': main }, `gridfence-${ID}-`);
    const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: [ID], today: '2026-11-29' });
    expect(r.findings.filter((f) => f.messageId === 'notAnAddress')).toEqual([]);
    expect(r.errors.filter((e) => e.severity === 'error').map((e) => ({ code: e.code, message: e.message, ...e.location }))).toEqual([
      { code: 'invalid-value', message: expect.stringContaining(what), file: 'main.tf', ...rangeOf(main, at) },
    ]);
  });

  it.each([
    ['the Azure tag for public ranges (AzureCloud)', nsg('    source_address_prefix      = "AzureCloud"'), 'AzureCloud', 'azurerm_network_security_group.d', 'source_address_prefix      = "AzureCloud"'],
    // It stands for peered networks, on-premises ranges and user-defined routes' prefixes as well.
    ['the Azure virtual network tag', nsg('    source_address_prefix      = "VirtualNetwork"'), 'VirtualNetwork', 'azurerm_network_security_group.d', 'source_address_prefix      = "VirtualNetwork"'],
  ])('%s is a possible finding at the attribute (notAnAddress), never a pass', (_name, main, source, target, at) => {
    expect(runRule(ID, { 'main.tf': main })).toEqual([
      expect.objectContaining({
        messageId: 'notAnAddress',
        certainty: 'possible',
        data: expect.objectContaining({ source, target }),
        unknowns: [`"${source}" is neither an IP address nor a CIDR block`],
        ...rangeOf(main, at),
      }),
    ]);
  });

  it("the load balancer's probes are an internal source, not a finding", () => {
    expect(runRule(ID, { 'main.tf': nsg('    source_address_prefix      = "AzureLoadBalancer"') })).toEqual([]);
  });

  it.each([
    ['an empty prefix beside a list, as plans write an unset one', nsg('    source_address_prefix      = ""\n    source_address_prefixes    = ["10.1.2.0/24"]')],
    ['an empty prefix list id, as plans write an unset one', sg('  ingress {\n    from_port       = 443\n    to_port         = 443\n    protocol        = "tcp"\n    cidr_blocks     = ["10.1.2.0/24"]\n    prefix_list_ids = [""]\n  }')],
  ])('%s is skipped, not a finding', (_name, main) => {
    expect(runRule(ID, { 'main.tf': main })).toEqual([]);
  });
});

describe(`${ID}: Azure rules whose direction or access is known only after apply`, () => {
  const nsgRule = (direction: string, access: string) => `variable "v" {}\n${nsg('    source_address_prefix      = "Internet"', direction, access)}`;

  it.each([
    ['direction', 'var.v', '"Allow"'],
    ['access', '"Inbound"', 'var.v'],
  ])('an unknown %s may admit the internet: a possible finding naming that unknown', (_what, direction, access) => {
    const main = nsgRule(direction, access);
    expect(runRule(ID, { 'main.tf': main })).toEqual([
      expect.objectContaining({ messageId: 'internet', certainty: 'possible', unknowns: ['var.v has no value (no default, no tfvars entry, no --var)'], ...rangeOf(main, 'source_address_prefix      = "Internet"') }),
    ]);
  });

  it('a known "Deny" or "Outbound" is not read, whatever else is unknown', () => {
    expect(runRule(ID, { 'main.tf': nsgRule('var.v', '"Deny"') })).toEqual([]);
    expect(runRule(ID, { 'main.tf': nsgRule('"Outbound"', 'var.v') })).toEqual([]);
  });

  it('a security_rule list known only after apply is an unknown source', () => {
    const main = `variable "rules" {}
resource "azurerm_network_security_group" "d" {
  name                = "nsg-dispatch"
  resource_group_name = "rg"
  location            = "japaneast"
  dynamic "security_rule" {
    for_each = var.rules
    content {
      name = security_rule.value
    }
  }
}
`;
    expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'unknownSource', certainty: 'possible', resource: 'azurerm_network_security_group.d' })]);
  });
});

describe(`${ID}: prefix lists named by id`, () => {
  const withList = (ids: string, list = '') => `${list}resource "aws_security_group" "ven" {
  ingress {
    from_port       = 443
    to_port         = 443
    protocol        = "tcp"
    prefix_list_ids = ${ids}
  }
}
`;

  it('a list the configuration does not define is an unknown source (possible), not a pass and not a malformed address', () => {
    const main = withList('["pl-58a04531"]');
    expect(runRule(ID, { 'main.tf': main })).toEqual([
      expect.objectContaining({
        messageId: 'unknownSource',
        certainty: 'possible',
        unknowns: ['the entries of prefix list pl-58a04531 are not known: it is not defined in the configuration'],
        ...rangeOf(main, 'prefix_list_ids = ["pl-58a04531"]'),
      }),
    ]);
  });

  it('a list defined with that id (as a plan writes one that exists) is read for its entries', () => {
    const list = `resource "aws_ec2_managed_prefix_list" "anyone" {
  id             = "pl-0a1b2c"
  name           = "anyone"
  address_family = "IPv4"
  max_entries    = 1
  entry {
    cidr = "0.0.0.0/0"
  }
}
`;
    const main = withList('["pl-0a1b2c"]', list);
    expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'internet', certainty: 'definite', ...rangeOf(main, 'prefix_list_ids = ["pl-0a1b2c"]') })]);
  });

  it('a list defined with that id whose entries are known only after apply is an unknown source, said as such', () => {
    const list = `variable "cidr" {}
resource "aws_ec2_managed_prefix_list" "partners" {
  id             = "pl-0a1b2c"
  name           = "partners"
  address_family = "IPv4"
  max_entries    = 1
  entry {
    cidr = var.cidr
  }
}
`;
    const main = withList('["pl-0a1b2c"]', list);
    expect(runRule(ID, { 'main.tf': main })).toEqual([
      expect.objectContaining({ messageId: 'unknownSource', certainty: 'possible', unknowns: ['the entries of prefix list pl-0a1b2c are not known: some are known only after apply'] }),
    ]);
  });
});

describe(`${ID}: rule resources whose group is not known before apply`, () => {
  const ruleOn = (group: string) => `data "aws_security_group" "shared" {
  name = "shared"
}
variable "sg" {
  type = string
}
resource "aws_security_group" "ven" {
  tags = { gridfence-zone = "dispatch" }
}
resource "aws_security_group_rule" "ssh" {
  type              = "ingress"
  security_group_id = ${group}
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}
`;

  it.each([
    ['a data source', 'data.aws_security_group.shared.id', 'data.aws_security_group.shared.id is known only after apply'],
    ['a variable without value', 'var.sg', 'var.sg has no value (no default, no tfvars entry, no --var)'],
  ])('a group read from %s may protect a zone: a possible finding at the rule', (_what, group, why) => {
    const main = ruleOn(group);
    expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML })).toEqual([
      expect.objectContaining({
        messageId: 'internet',
        resource: 'aws_security_group_rule.ssh',
        certainty: 'possible',
        unknowns: [`the security group of aws_security_group_rule.ssh is not known (${why}): it may protect a zone`],
        ...rangeOf(main, 'cidr_blocks       = ["0.0.0.0/0"]'),
      }),
    ]);
  });

  it('a group named by its id as text is not held: outside every zone, no finding', () => {
    expect(runRule(ID, { 'main.tf': ruleOn('"sg-0123456789abcdef0"') }, { config: ZONES_YAML })).toEqual([]);
  });

  it('a group held in a zone: a definite finding, as before', () => {
    const main = ruleOn('aws_security_group.ven.id');
    expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML })).toEqual([
      expect.objectContaining({ messageId: 'internet', certainty: 'definite', unknowns: [], ...rangeOf(main, 'cidr_blocks       = ["0.0.0.0/0"]') }),
    ]);
  });

  it('a group attached to a zoned host with aws_network_interface_sg_attachment protects it: a definite finding', () => {
    const main = `resource "aws_instance" "ven" {
  ami  = "ami-0123456789abcdef0"
  tags = { gridfence-zone = "dispatch" }
}
resource "aws_security_group" "ssh" {
${rule('["0.0.0.0/0"]', 22)}
}
resource "aws_network_interface_sg_attachment" "ssh" {
  security_group_id    = aws_security_group.ssh.id
  network_interface_id = aws_instance.ven.primary_network_interface_id
}
`;
    expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML })).toEqual([
      expect.objectContaining({ messageId: 'internet', resource: 'aws_security_group.ssh', certainty: 'definite', ...rangeOf(main, 'cidr_blocks = ["0.0.0.0/0"]') }),
    ]);
  });

  it('a group attached to an interface given by a variable without value may protect a zone: a possible finding', () => {
    const main = `variable "interface_id" {
  type = string
}
resource "aws_instance" "ven" {
  ami  = "ami-0123456789abcdef0"
  tags = { gridfence-zone = "dispatch" }
}
resource "aws_security_group" "ssh" {
${rule('["0.0.0.0/0"]', 22)}
}
resource "aws_network_interface_sg_attachment" "ssh" {
  security_group_id    = aws_security_group.ssh.id
  network_interface_id = var.interface_id
}
`;
    expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML })).toEqual([
      expect.objectContaining({
        messageId: 'internet',
        resource: 'aws_security_group.ssh',
        certainty: 'possible',
        unknowns: ['the interface aws_security_group.ssh is attached to by aws_network_interface_sg_attachment.ssh is not known (var.interface_id has no value (no default, no tfvars entry, no --var)): it may protect a zone'],
        ...rangeOf(main, 'cidr_blocks = ["0.0.0.0/0"]'),
      }),
    ]);
  });
  it('a CloudFormation inline rule under an Fn::If whose condition is not known may be any rule: a possible finding at the entry, not no rule', () => {
    const template = [
      'Conditions:',
      '  InTokyo: !Equals [!Ref AWS::Region, ap-northeast-1]',
      'Resources:',
      '  Ven:',
      '    Type: AWS::EC2::SecurityGroup',
      '    Properties:',
      '      GroupDescription: ven',
      '      SecurityGroupIngress:',
      '        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.50.2.0/24 }',
      '        - !If [InTokyo, { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }, !Ref AWS::NoValue]',
      '      Tags: [{ Key: gridfence-zone, Value: dispatch }]',
      '',
    ].join('\n');
    const found = runRule(ID, { 'template.yaml': template }, { config: ZONES_YAML });
    expect(found.filter((f) => f.line === 10)).toEqual([
      expect.objectContaining({ messageId: 'unknownSource', resource: 'Ven', certainty: 'possible', line: 10, column: 11, unknowns: ['AWS::Region is known only at deployment', 'the protocol or ports of Ven ingress[1] are known only after apply'] }),
    ]);
  });
});
