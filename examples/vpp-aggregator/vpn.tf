# Site-to-site IPsec VPNs: how two outside networks that use private addresses reach the VPC.
#
#   corporate  the company LAN (172.16.0.0/16), an "other network" (他ネットワーク). Lands in the
#              management zone only: administrators reach the bastion, nothing else.
#   carrier    the mobile carrier's closed network (閉域網, closed-network SIMs) that carries the
#              customer-site gateways (192.168.0.0/16). Lands in the dmz only, at the site ALB.
#
# Neither VPN is routed to the dispatch link: its route table (network.tf) knows only the
# dispatch system's /32. Each tunnel's traffic selectors name one zone, so the tunnel itself is a
# second filter behind the route tables and security groups.
#
# Guideline (4)ウ② 改ざん対策 (tamper protection on communication paths): IKEv2, AES-GCM,
# SHA-2 and Diffie-Hellman group 20 only (gridfence: vpn-crypto-strength).

locals {
  vpn_peers = {
    corporate = {
      peer_ip        = var.corporate_vpn_peer_ip
      bgp_asn        = 65010
      remote_network = var.corporate_cidr
      zone           = "ops"
      zone_network   = local.cidr.ops # 10.10.250.0/24
    }
    carrier = {
      peer_ip        = var.carrier_vpn_peer_ip
      bgp_asn        = 65020
      remote_network = var.customer_site_cidr
      zone           = "dmz"
      zone_network   = cidrsubnet(var.vpc_cidr, 7, 1) # 10.10.2.0/23 = dmz_a + dmz_c
    }
  }
}

resource "aws_vpn_gateway" "main" {
  vpc_id          = aws_vpc.main.id
  amazon_side_asn = 64512

  tags = {
    Name = "${local.name}-vgw"
  }
}

resource "aws_customer_gateway" "peer" {
  for_each = local.vpn_peers

  bgp_asn    = each.value.bgp_asn
  ip_address = each.value.peer_ip
  type       = "ipsec.1"

  tags = {
    Name = "${local.name}-${each.key}"
  }
}

resource "aws_vpn_connection" "peer" {
  for_each = local.vpn_peers

  vpn_gateway_id      = aws_vpn_gateway.main.id
  customer_gateway_id = aws_customer_gateway.peer[each.key].id
  type                = "ipsec.1"
  static_routes_only  = true

  # Traffic selectors: the peer's network on one side, one zone on ours.
  local_ipv4_network_cidr  = each.value.remote_network
  remote_ipv4_network_cidr = each.value.zone_network

  tunnel1_ike_versions                 = ["ikev2"]
  tunnel1_phase1_encryption_algorithms = ["AES256-GCM-16"]
  tunnel1_phase1_integrity_algorithms  = ["SHA2-384"]
  tunnel1_phase1_dh_group_numbers      = [20]
  tunnel1_phase2_encryption_algorithms = ["AES256-GCM-16"]
  tunnel1_phase2_integrity_algorithms  = ["SHA2-384"]
  tunnel1_phase2_dh_group_numbers      = [20]

  tunnel2_ike_versions                 = ["ikev2"]
  tunnel2_phase1_encryption_algorithms = ["AES256-GCM-16"]
  tunnel2_phase1_integrity_algorithms  = ["SHA2-384"]
  tunnel2_phase1_dh_group_numbers      = [20]
  tunnel2_phase2_encryption_algorithms = ["AES256-GCM-16"]
  tunnel2_phase2_integrity_algorithms  = ["SHA2-384"]
  tunnel2_phase2_dh_group_numbers      = [20]

  tags = {
    Name           = "${local.name}-${each.key}"
    gridfence-zone = each.value.zone
  }
}

resource "aws_vpn_connection_route" "peer" {
  for_each = local.vpn_peers

  vpn_connection_id      = aws_vpn_connection.peer[each.key].id
  destination_cidr_block = each.value.remote_network
}

# The way back: only the zone that the VPN lands in has a route to it.
resource "aws_route" "vpn" {
  for_each = local.vpn_peers

  route_table_id         = aws_route_table.zone[each.value.zone].id
  destination_cidr_block = each.value.remote_network
  gateway_id             = aws_vpn_gateway.main.id
}
