# Hosts, and how they are kept patched and watched: guideline (4)エ マルウェア対策.
#
# Every host:
#   - has no public address; it sits in a private subnet of its zone;
#   - requires IMDSv2 (metadata_options http_tokens = "required"), so that a request forgery bug in
#     an application cannot read the instance's credentials (gridfence: instance-metadata-v2);
#   - has an encrypted root volume (data-at-rest-encrypted, guideline (5)イ);
#   - runs with a role that can do nothing but talk to Systems Manager (管理者権限の適切な割当).

# --- The dispatch link ------------------------------------------------------------------------

# The VEN (簡易指令連携サーバ): the only host that talks to the grid operator's dispatch system.
# It polls the dispatch system's VTN over OpenADR 2.0b (TLS 1.2, client certificate) and passes
# the instructions to the VPP controller through the relay in the dmz.
resource "aws_instance" "ven" {
  ami                         = var.ami_id
  instance_type               = var.ven_instance_type
  subnet_id                   = aws_subnet.zone["dispatch"].id
  vpc_security_group_ids      = [module.sg["ven"].id]
  iam_instance_profile        = aws_iam_instance_profile.host.name
  associate_public_ip_address = false # dispatch-link-no-public-address, guideline (4)ア

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  root_block_device {
    encrypted   = true
    volume_type = "gp3"
    volume_size = 30
  }

  tags = {
    Name           = "${local.name}-ven"
    gridfence-zone = "dispatch"
  }
}

# --- The other hosts, one per role --------------------------------------------------------------

locals {
  hosts = {
    "relay"      = { subnet = "dmz_a", sg = "relay" }     # buffer zone: controller -> VEN
    "controller" = { subnet = "core", sg = "controller" } # VPP controller
    "ra-vtn"     = { subnet = "ra", sg = "ra_vtn" }       # OpenADR VTN for partner aggregators
    "der-vtn"    = { subnet = "der", sg = "der_vtn" }     # OpenADR VTN for customer-site gateways
    "bastion"    = { subnet = "ops", sg = "bastion" }     # administrators' entry point
  }
}

resource "aws_instance" "host" {
  for_each = local.hosts

  ami                         = var.ami_id
  instance_type               = var.host_instance_type
  subnet_id                   = aws_subnet.zone[each.value.subnet].id
  vpc_security_group_ids      = [module.sg[each.value.sg].id]
  iam_instance_profile        = aws_iam_instance_profile.host.name
  associate_public_ip_address = false

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  root_block_device {
    encrypted   = true
    volume_type = "gp3"
    volume_size = 30
  }

  tags = {
    Name           = "${local.name}-${each.key}"
    gridfence-zone = local.subnets[each.value.subnet].zone
  }
}

# The log collector runs a vendor's appliance image, so it has a block of its own.
resource "aws_instance" "log_collector" {
  ami                         = var.log_collector_ami_id
  instance_type               = var.host_instance_type
  subnet_id                   = aws_subnet.zone["ops"].id
  vpc_security_group_ids      = [module.sg["log_collector"].id]
  iam_instance_profile        = aws_iam_instance_profile.host.name
  associate_public_ip_address = false

  metadata_options {
    http_endpoint = "enabled"
    # DELIBERATE WEAKNESS: IMDSv1 is still allowed ("optional"), because the appliance's agent
    # reads instance metadata without a session token. Any server-side request forgery in that
    # image can then read the instance role's credentials from 169.254.169.254. This breaks
    # guideline (4)エ (protect the devices of the system; assign privileges appropriately), and
    # gridfence reports it as instance-metadata-v2 (a warning).
    # Fix: upgrade the agent to one that supports IMDSv2, then set http_tokens = "required" and
    # http_put_response_hop_limit = 1, as on every other host.
    http_tokens = "optional"
  }

  root_block_device {
    encrypted   = true
    volume_type = "gp3"
    volume_size = 100
  }

  tags = {
    Name           = "${local.name}-log-collector"
    gridfence-zone = "ops"
  }
}

# --- Least privilege: one role for all hosts, Systems Manager only ------------------------------

resource "aws_iam_role" "host" {
  name = "${local.name}-host"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

# AmazonSSMManagedInstanceCore lets the SSM agent register and run patch jobs; nothing else.
# Never attach AdministratorAccess to a workload (gridfence: admin-privileges-scoped).
resource "aws_iam_role_policy_attachment" "host_ssm" {
  role       = aws_iam_role.host.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "host" {
  name = "${local.name}-host"
  role = aws_iam_role.host.name
}

# --- Patches and malware protection (セキュリティパッチの適用 / マルウェア対策) ----------------------

# Install missing security patches on every zoned host at 02:00 JST every Sunday (the schedule is
# in UTC).
# The SSM agent needs a way to reach Systems Manager and the package repositories (VPC interface
# endpoints in a real deployment); they are left out of this example to keep it short.
resource "aws_ssm_association" "patch" {
  name                = "AWS-RunPatchBaseline"
  association_name    = "${local.name}-patch"
  schedule_expression = "cron(0 17 ? * SAT *)"

  parameters = {
    Operation = "Install"
  }

  targets {
    key    = "tag:gridfence-zone"
    values = local.zones
  }
}

# GuardDuty with Malware Protection for EC2: scans the EBS volumes of a host when GuardDuty sees
# suspicious behaviour from it.
resource "aws_guardduty_detector" "main" {
  enable = true
}

resource "aws_guardduty_detector_feature" "ebs_malware_protection" {
  detector_id = aws_guardduty_detector.main.id
  name        = "EBS_MALWARE_PROTECTION"
  status      = "ENABLED"
}
