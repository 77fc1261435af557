# Security groups: every flow the system allows, and nothing else.
#
#   #   from                         to                         port       why
#   F1  dispatch  VEN                dispatch system            tcp/443    OpenADR 2.0b; the VEN polls the VTN
#   F2  core      controller         dmz  relay                 tcp/8443   dispatch plans on their way out
#   F3  dmz       relay              dispatch  VEN              tcp/8443   only the buffer zone reaches the VEN
#   F4  partners  (192.0.2.0/24)     dmz  partner ALB           tcp/443    mutual TLS
#   F5  dmz       partner ALB        ra   VTN for partners      tcp/443
#   F6  customer sites (closed net)  dmz  site ALB -> der VTN   tcp/443    mutual TLS
#   F7  ra, der   VTNs               core controller            tcp/443
#   F8  corporate (over IPsec)       ops  bastion               tcp/22
#   F9  ops       bastion            every other zone           tcp/22
#   F10 every zone                   ops  log collector         tcp/6514   syslog over TLS
#
# DNS (the VPC resolver) and NTP (Amazon Time Sync, 169.254.169.123) need no rules: security groups
# do not filter traffic to them.

locals {
  # F10: every host sends its logs to the collector.
  to_log_collector = { description = "F10 syslog over TLS to the log collector", protocol = "tcp", port = 6514, cidrs = [local.cidr.ops] }

  # F9: administration only from the bastion in the management zone (guideline (4)ウ② and
  # gridfence's management-access-restricted rule).
  ssh_from_bastion = { description = "F9 SSH from the bastion", protocol = "tcp", port = 22, cidrs = [local.cidr.ops] }

  security_groups = {
    # --- dispatch link (簡易指令システムとの直接的な接続部) ---
    ven = {
      zone        = "dispatch"
      description = "VEN: OpenADR client of the dispatch system"
      ingress = [
        { description = "F3 dispatch plans from the relay", protocol = "tcp", port = 8443, cidrs = [local.cidr.dmz_a] },
        local.ssh_from_bastion,
      ]
      egress = [
        { description = "F1 OpenADR 2.0b to the dispatch system", protocol = "tcp", port = 443, cidrs = [var.dispatch_system_cidr] },
        local.to_log_collector,
      ]
    }

    # --- buffer zone (緩衝エリア) ---
    relay = {
      zone        = "dmz"
      description = "Relay between the VPP controller and the VEN"
      ingress = [
        { description = "F2 dispatch plans from the controller", protocol = "tcp", port = 8443, cidrs = [local.cidr.core] },
        local.ssh_from_bastion,
      ]
      egress = [
        { description = "F3 dispatch plans to the VEN", protocol = "tcp", port = 8443, cidrs = [local.cidr.dispatch] },
        local.to_log_collector,
      ]
    }
    partner_alb = {
      zone        = "dmz"
      description = "Internet-facing ALB for partner aggregators"
      ingress = [
        # Only the attested partners' addresses, never 0.0.0.0/0.
        { description = "F4 OpenADR from attested partners", protocol = "tcp", port = 443, cidrs = var.partner_cidrs },
      ]
      egress = [
        { description = "F5 to the VTN for partners", protocol = "tcp", port = 443, cidrs = [local.cidr.ra] },
      ]
    }
    site_alb = {
      zone        = "dmz"
      description = "Internal ALB for customer-site gateways"
      ingress = [
        { description = "F6 OpenADR from customer-site gateways", protocol = "tcp", port = 443, cidrs = [var.customer_site_cidr] },
      ]
      egress = [
        { description = "F6 to the VTN for customer sites", protocol = "tcp", port = 443, cidrs = [local.cidr.der] },
      ]
    }

    # --- core ---
    controller = {
      zone        = "core"
      description = "VPP controller"
      ingress = [
        { description = "F7 reports from the VTNs", protocol = "tcp", port = 443, cidrs = [local.cidr.ra, local.cidr.der] },
        local.ssh_from_bastion,
      ]
      egress = [
        { description = "F2 dispatch plans to the relay", protocol = "tcp", port = 8443, cidrs = [local.cidr.dmz_a] },
        local.to_log_collector,
      ]
    }

    # --- partner ingress and DER ingress: reached only through the dmz load balancers ---
    ra_vtn = {
      zone        = "ra"
      description = "OpenADR VTN for partner aggregators"
      ingress = [
        { description = "F5 from the partner ALB", protocol = "tcp", port = 443, cidrs = local.dmz_cidrs },
        local.ssh_from_bastion,
      ]
      egress = [
        { description = "F7 reports to the controller", protocol = "tcp", port = 443, cidrs = [local.cidr.core] },
        local.to_log_collector,
      ]
    }
    der_vtn = {
      zone        = "der"
      description = "OpenADR VTN for customer-site gateways"
      ingress = [
        { description = "F6 from the site ALB", protocol = "tcp", port = 443, cidrs = local.dmz_cidrs },
        local.ssh_from_bastion,
      ]
      egress = [
        { description = "F7 reports to the controller", protocol = "tcp", port = 443, cidrs = [local.cidr.core] },
        local.to_log_collector,
      ]
    }

    # --- management (運用管理) ---
    bastion = {
      zone        = "ops"
      description = "Bastion for administrators on the corporate LAN"
      ingress = [
        # The corporate LAN reaches this subnet only through the IPsec VPN (vpn.tf).
        { description = "F8 SSH from the corporate LAN over the VPN", protocol = "tcp", port = 22, cidrs = [var.corporate_cidr] },
      ]
      egress = [
        { description = "F9 SSH to the hosts of the other zones", protocol = "tcp", port = 22, cidrs = [for k, c in local.cidr : c if k != "ops"] },
        local.to_log_collector,
      ]
    }
    log_collector = {
      zone        = "ops"
      description = "Log collector"
      ingress = [
        { description = "F10 syslog over TLS from every zone", protocol = "tcp", port = 6514, cidrs = values(local.cidr) },
      ]
      egress = [] # it only receives
    }
  }
}

module "sg" {
  source   = "./modules/zone-sg"
  for_each = local.security_groups

  name        = "${local.name}-${replace(each.key, "_", "-")}"
  zone        = each.value.zone
  description = each.value.description
  vpc_id      = aws_vpc.main.id
  ingress     = each.value.ingress
  egress      = each.value.egress
}

# The VPC's default security group, emptied: anything launched without an explicit group gets no
# traffic at all (gridfence: default-security-group-closed, guideline (4)オ).
resource "aws_default_security_group" "closed" {
  vpc_id = aws_vpc.main.id

  tags = {
    Name = "${local.name}-default-closed"
  }
}
