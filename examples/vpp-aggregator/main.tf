# Example VPP aggregator (特定卸供給事業者 / アグリゲーションコーディネーター) on AWS.
#
# Start here. This file holds the provider and the names shared by every other file:
#
#   network.tf   VPC, one subnet per zone, routes (the zone boundaries)
#   security.tf  security groups: the allowed flows between zones and external networks
#   compute.tf   hosts, their IAM role, patching and malware protection
#   edge.tf      the two load balancers where partners and customer sites come in
#   vpn.tf       IPsec VPNs to the corporate LAN and to the carrier's closed network
#   logging.tf   flow logs, load-balancer access logs and the audit trail
#   gridfence.yaml  tells gridfence which zone plays which role and which outside networks exist
#
# The zones follow the guideline "特定卸供給事業に係るサイバーセキュリティ確保の指針", section 2(4):
#
#   zone      role             what runs there
#   dispatch  dispatch-link    the VEN that talks to the grid operator's dispatch system
#                              (簡易指令システムとの直接的な接続部)
#   dmz       buffer           relay and load balancers between the dispatch link and everyone else
#                              (緩衝エリア)
#   core      internal         VPP controller: optimisation, forecasts, bidding
#   ra        partner-ingress  OpenADR VTN for lower-level aggregators (リソースアグリゲーター)
#   der       der-ingress      OpenADR VTN for gateways at customer sites (需要家側機器)
#   ops       management       bastion and log collector (運用管理)
#
# Every zoned resource carries the tag gridfence-zone = "<zone>"; gridfence.yaml matches zones by
# that tag.

terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = var.region

  # Inventory tags on every resource: (4)エ asks the operator to know the devices the system
  # is made of (機器の把握). gridfence's asset-inventory-tags rule checks the owner tag.
  default_tags {
    tags = {
      owner       = var.owner
      system      = var.system_name
      environment = var.environment
    }
  }
}

locals {
  name = "${var.system_name}-${var.environment}"

  # The zones of gridfence.yaml, in one place.
  zones = ["dispatch", "dmz", "core", "ra", "der", "ops"]
}
