import { describe, expect, it } from 'vitest';
import { rangeOf, runRule, ZONES_YAML } from '../support/rule-tester.js';

const ID = 'dispatch-link-no-public-address';
const base = `resource "aws_vpc" "main" {
  cidr_block = "10.10.0.0/16"
}
resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.main.id
}
resource "aws_subnet" "dispatch" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.10.1.0/24"
  tags       = { gridfence-zone = "dispatch" }
}
resource "aws_subnet" "dmz" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.10.2.0/24"
  map_public_ip_on_launch = true
  tags                    = { gridfence-zone = "dmz" }
}
`;

describe(ID, () => {
  describe('valid', () => {
    it('public addresses and internet routes in the buffer zone only', () => {
      const main = `${base}resource "aws_route_table" "dmz" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }
}
resource "aws_route_table_association" "dmz" {
  subnet_id      = aws_subnet.dmz.id
  route_table_id = aws_route_table.dmz.id
}
`;
      expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML })).toEqual([]);
    });
  });
  describe('invalid', () => {
    it('an instance on the dispatch link with a public IP', () => {
      const main = `${base}resource "aws_instance" "ven" {
  ami                         = "ami-0123456789abcdef0"
  subnet_id                   = aws_subnet.dispatch.id
  associate_public_ip_address = true
}
`;
      expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML })).toEqual([
        expect.objectContaining({ messageId: 'publicIp', resource: 'aws_instance.ven', certainty: 'definite', ...rangeOf(main, 'associate_public_ip_address = true') }),
      ]);
    });
    it('a dispatch-link route table (by association) routing to the internet gateway', () => {
      const main = `${base}resource "aws_route_table" "dispatch" {
  vpc_id = aws_vpc.main.id
}
resource "aws_route" "out" {
  route_table_id         = aws_route_table.dispatch.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.igw.id
}
resource "aws_route_table_association" "dispatch" {
  subnet_id      = aws_subnet.dispatch.id
  route_table_id = aws_route_table.dispatch.id
}
`;
      expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML })).toEqual([
        expect.objectContaining({
          messageId: 'internetRoute',
          data: { table: 'aws_route_table.dispatch', destination: '0.0.0.0/0', gateway: 'aws_internet_gateway.igw' },
          resource: 'aws_route.out',
          ...rangeOf(main, 'gateway_id             = aws_internet_gateway.igw.id'),
        }),
      ]);
    });
    it('an Elastic IP on a dispatch-link instance', () => {
      const main = `${base}resource "aws_instance" "ven" {
  ami       = "ami-0123456789abcdef0"
  subnet_id = aws_subnet.dispatch.id
}
resource "aws_eip" "ven" {
  instance = aws_instance.ven.id
}
`;
      expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML })).toEqual([
        expect.objectContaining({ messageId: 'elasticIp', data: { resource: 'aws_eip.ven', target: 'aws_instance.ven' }, resource: 'aws_eip.ven' }),
      ]);
    });
    it('with no zones declared, a public subnet is a possible finding', () => {
      const main = 'resource "aws_subnet" "a" {\n  cidr_block = "10.0.1.0/24"\n  map_public_ip_on_launch = true\n}\n';
      expect(runRule(ID, { 'main.tf': main })).toEqual([
        expect.objectContaining({ messageId: 'publicIp', certainty: 'possible', unknowns: [expect.stringMatching(/no zones are declared/)], ...rangeOf(main, 'map_public_ip_on_launch = true') }),
      ]);
    });
  });
});

describe(`${ID}: values that may be true`, () => {
  it('a string "true" counts, and an unknown value is a possible finding', () => {
    const main = `variable "public" {}
resource "aws_instance" "a" {
  ami                         = "ami-1"
  associate_public_ip_address = "true"
}
resource "aws_instance" "b" {
  ami                         = "ami-1"
  associate_public_ip_address = var.public
}
`;
    const found = runRule(ID, { 'main.tf': main });
    expect(found.map((f) => [f.resource, f.unknowns.length])).toEqual([
      ['aws_instance.a', 1],
      ['aws_instance.b', 2],
    ]);
  });
});
