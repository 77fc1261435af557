/**
 * A small system that both report tests lint: a VPC in a zone, a security group open to the
 * internet, one inline and one configuration waiver, in a folder and file name with a space and
 * Japanese characters (paths must survive every report format).
 */
import fs from 'node:fs';
import path from 'node:path';

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
