# Network: one VPC, one subnet per zone (two for the dmz), and the few routes that leave the VPC.
#
# Separation starts here. A subnet can only send traffic out of the VPC through the routes of its
# route table, so the route tables decide which zones can reach the internet, the VPNs or nothing
# at all. The security groups (security.tf) then decide which ports are open between zones.
#
# Addresses: RFC 1918 inside (10.10.0.0/16), RFC 5737 documentation addresses for everything on the
# internet (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24). Replace them with yours.

locals {
  # cidrsubnet(vpc, newbits, netnum): a /16 plus 8 new bits is a /24, plus 7 a /23.
  subnets = {
    dispatch = { zone = "dispatch", newbits = 8, netnum = 1, az = 0 } # 10.10.1.0/24
    dmz_a    = { zone = "dmz", newbits = 8, netnum = 2, az = 0 }      # 10.10.2.0/24
    dmz_c    = { zone = "dmz", newbits = 8, netnum = 3, az = 1 }      # 10.10.3.0/24 (a load balancer needs two AZs)
    core     = { zone = "core", newbits = 7, netnum = 5, az = 0 }     # 10.10.10.0/23
    ra       = { zone = "ra", newbits = 8, netnum = 20, az = 0 }      # 10.10.20.0/24
    der      = { zone = "der", newbits = 8, netnum = 30, az = 0 }     # 10.10.30.0/24
    ops      = { zone = "ops", newbits = 8, netnum = 250, az = 0 }    # 10.10.250.0/24
  }

  cidr = { for k, s in local.subnets : k => cidrsubnet(var.vpc_cidr, s.newbits, s.netnum) }

  # Both dmz subnets, for rules that must accept traffic from either load-balancer node.
  dmz_cidrs = [local.cidr.dmz_a, local.cidr.dmz_c]

  # Zones with routes out of the VPC get their own route table. The others (core, ra, der) stay on
  # the VPC's main route table, which holds only the local route: they reach nothing outside.
  routed_zones = ["dispatch", "dmz", "ops"]
}

resource "aws_vpc" "main" {
  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = {
    Name = "${local.name}-vpc"
  }
}

resource "aws_subnet" "zone" {
  for_each = local.subnets

  vpc_id            = aws_vpc.main.id
  cidr_block        = local.cidr[each.key]
  availability_zone = var.availability_zones[each.value.az]

  # No subnet hands out public addresses, not even the dmz: the load balancers and the NAT gateway
  # get theirs explicitly.
  map_public_ip_on_launch = false

  tags = {
    Name           = "${local.name}-${each.key}"
    gridfence-zone = each.value.zone
  }
}

# The main route table, taken under management so that nobody adds a route to it by hand.
# It keeps only the implicit local route (10.10.0.0/16).
resource "aws_default_route_table" "main" {
  default_route_table_id = aws_vpc.main.default_route_table_id

  tags = {
    Name = "${local.name}-main-local-only"
  }
}

resource "aws_route_table" "zone" {
  for_each = toset(local.routed_zones)

  vpc_id = aws_vpc.main.id

  tags = {
    Name           = "${local.name}-${each.key}"
    gridfence-zone = each.key
  }
}

resource "aws_route_table_association" "zone" {
  for_each = { for k, s in local.subnets : k => s.zone if contains(local.routed_zones, s.zone) }

  subnet_id      = aws_subnet.zone[each.key].id
  route_table_id = aws_route_table.zone[each.value].id
}

# --- Internet: the dmz only ------------------------------------------------------------------

# (4)ア 外部ネットワークとの分離: only the buffer zone (dmz) has a route to the internet gateway.
# The dispatch link never does; gridfence's dispatch-link-no-public-address rule checks that no
# dispatch-link route table points at an internet gateway.
resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id

  tags = {
    Name           = "${local.name}-igw"
    gridfence-zone = "dmz"
  }
}

resource "aws_route" "dmz_internet" {
  route_table_id         = aws_route_table.zone["dmz"].id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.main.id
}

# --- The dispatch channel: dispatch link -> NAT gateway (dmz) -> dispatch system ----------------

# The grid operator accepts connections only from source addresses registered with it during the
# line connection work (回線接続工事). The NAT gateway's address is a fixed BYOIP address, so it is
# known before apply and gridfence can compare it with registered-sources in gridfence.yaml.
resource "aws_eip" "nat" {
  domain           = "vpc"
  address          = var.registered_egress_ip
  public_ipv4_pool = var.byoip_pool_id

  tags = {
    Name           = "${local.name}-dispatch-egress"
    gridfence-zone = "dmz"
  }
}

# The NAT gateway sits in the buffer zone, not in the dispatch link: the VEN itself has no public
# address (dispatch-link-no-public-address) and is reachable from nowhere on the internet.
resource "aws_nat_gateway" "dmz" {
  allocation_id     = aws_eip.nat.id
  subnet_id         = aws_subnet.zone["dmz_a"].id
  connectivity_type = "public"

  tags = {
    Name           = "${local.name}-nat"
    gridfence-zone = "dmz"
  }

  depends_on = [aws_internet_gateway.main]
}

# (4)イ① 接続点の最小化: the dispatch link's only route out of the VPC is one /32, the dispatch
# system's address, through the NAT gateway. No default route.
resource "aws_route" "dispatch_to_dispatch_system" {
  route_table_id         = aws_route_table.zone["dispatch"].id
  destination_cidr_block = var.dispatch_system_cidr
  nat_gateway_id         = aws_nat_gateway.dmz.id
}
