# The two front doors of the system, both in the buffer zone (dmz):
#
#   partner  internet-facing ALB; partner aggregators (192.0.2.0/24) -> VTN for partners (zone ra)
#   site     internal ALB; customer-site gateways, over the carrier's closed network and IPsec
#            (vpn.tf) -> VTN for customer sites (zone der)
#
# Guideline (4)ウ① 認証・暗号化: at every interconnection point with an external network, the peer
# is authenticated and the messages are encrypted. Here that means:
#   - TLS 1.2 or later only (ssl_policy; gridfence: tls-minimum-version);
#   - mutual TLS in verify mode: the ALB checks each client certificate against a trust store
#     that holds only the CA of that kind of peer (gridfence: interconnection-authenticated);
#   - traffic re-encrypted from the ALB to the VTN (target group protocol HTTPS).
#
# Two ALBs, not one: partners and customer sites have different CAs, and a site gateway's
# certificate must never open the partners' door.

locals {
  front_doors = {
    partner = {
      internal      = false
      sg            = "partner_alb"
      ca_bundle_key = "partners/ca-bundle.pem"
      target_host   = "ra-vtn"
      target_zone   = "ra"
    }
    site = {
      internal      = true
      sg            = "site_alb"
      ca_bundle_key = "customer-sites/ca-bundle.pem"
      target_host   = "der-vtn"
      target_zone   = "der"
    }
  }
}

resource "aws_lb" "edge" {
  for_each = local.front_doors

  name                       = "${local.name}-${each.key}"
  internal                   = each.value.internal
  load_balancer_type         = "application"
  security_groups            = [module.sg[each.value.sg].id]
  subnets                    = [aws_subnet.zone["dmz_a"].id, aws_subnet.zone["dmz_c"].id]
  drop_invalid_header_fields = true

  # Access logs of every external load balancer (gridfence: connection-point-logging, (6)ア).
  access_logs {
    bucket  = aws_s3_bucket.logs.id
    prefix  = "alb/${each.key}"
    enabled = true
  }

  tags = {
    Name           = "${local.name}-${each.key}"
    gridfence-zone = "dmz"
  }
}

# The CAs that may sign client certificates for each door.
resource "aws_lb_trust_store" "edge" {
  for_each = local.front_doors

  name                             = "${local.name}-${each.key}"
  ca_certificates_bundle_s3_bucket = var.pki_bucket
  ca_certificates_bundle_s3_key    = each.value.ca_bundle_key
}

resource "aws_lb_target_group" "vtn" {
  for_each = local.front_doors

  name        = "${local.name}-${each.key}-vtn"
  port        = 443
  protocol    = "HTTPS"
  target_type = "instance"
  vpc_id      = aws_vpc.main.id

  health_check {
    protocol = "HTTPS"
    path     = "/health"
    matcher  = "200"
  }

  tags = {
    gridfence-zone = each.value.target_zone
  }
}

resource "aws_lb_target_group_attachment" "vtn" {
  for_each = local.front_doors

  target_group_arn = aws_lb_target_group.vtn[each.key].arn
  target_id        = aws_instance.host[each.value.target_host].id
  port             = 443
}

# Partner aggregators (リソースアグリゲーター) connect here. Before a partner is let in, its
# implementation of the guideline is confirmed (guideline (4)イ② 相互接続の中止; the attestation
# in gridfence.yaml).
resource "aws_lb_listener" "partner_https" {
  load_balancer_arn = aws_lb.edge["partner"].arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = var.partner_certificate_arn

  # DELIBERATE WEAKNESS: no ssl_policy. AWS then applies ELBSecurityPolicy-2016-08, which still
  # accepts TLS 1.0 and 1.1: a client, or a partner's outdated gateway, can connect with protocol
  # versions that are deprecated (RFC 8996) and have known weaknesses. This breaks guideline
  # (4)ウ① (authenticate and encrypt at every interconnection point with an external network);
  # gridfence reports it as tls-minimum-version (an error).
  # Fix: add   ssl_policy = var.tls_policy   as on the site listener below (TLS 1.2 and 1.3 only,
  # with the cipher suites that OpenADR 2.0b requires).

  mutual_authentication {
    mode            = "verify"
    trust_store_arn = aws_lb_trust_store.edge["partner"].arn
  }

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.vtn["partner"].arn
  }
}

# Customer-site gateways (the DER side: storage batteries, heat pumps, EV chargers) connect here.
resource "aws_lb_listener" "site_https" {
  load_balancer_arn = aws_lb.edge["site"].arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = var.site_certificate_arn
  ssl_policy        = var.tls_policy # TLS 1.2 and 1.3 only

  mutual_authentication {
    mode            = "verify"
    trust_store_arn = aws_lb_trust_store.edge["site"].arn
  }

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.vtn["site"].arn
  }
}
