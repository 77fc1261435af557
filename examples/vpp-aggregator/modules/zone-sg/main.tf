# One security group of one zone, built from a list of rules.
#
# Each rule names its peers by CIDR: a zone subnet (10.10.2.0/24) or a declared external network
# (192.0.2.0/24). Never 0.0.0.0/0, ::/0 or a prefix wider than /16 on the way in: gridfence's
# ingress-from-declared-sources rule, guideline (4)オ なりすまし対策 (block traffic from devices
# that are not allowed).
#
# A security group without egress blocks has no egress at all: Terraform removes AWS's default
# allow-all outbound rule. Every group here lists its egress explicitly.

terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

resource "aws_security_group" "this" {
  name                   = var.name
  description            = var.description
  vpc_id                 = var.vpc_id
  revoke_rules_on_delete = true

  dynamic "ingress" {
    for_each = var.ingress
    content {
      description = ingress.value.description
      protocol    = ingress.value.protocol
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      cidr_blocks = ingress.value.cidrs
    }
  }

  dynamic "egress" {
    for_each = var.egress
    content {
      description = egress.value.description
      protocol    = egress.value.protocol
      from_port   = egress.value.port
      to_port     = egress.value.port
      cidr_blocks = egress.value.cidrs
    }
  }

  tags = merge(var.tags, {
    Name           = var.name
    gridfence-zone = var.zone
  })
}
