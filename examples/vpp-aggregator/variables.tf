# Inputs. The defaults make a complete example; terraform.tfvars sets the production values.
# Every address outside the VPC is an RFC 5737 documentation address: replace it with yours.

variable "region" {
  description = "AWS region of the system."
  type        = string
  default     = "ap-northeast-1"
}

variable "system_name" {
  description = "Short name of the system; the first part of every resource name."
  type        = string
  default     = "vpp"
}

variable "environment" {
  description = "Deployment environment."
  type        = string
  default     = "dev"
}

variable "owner" {
  description = "Team that owns the system; written to the owner tag of every resource."
  type        = string
  default     = "unassigned"
}

# --- Our addresses --------------------------------------------------------------------------------

variable "vpc_cidr" {
  description = "Address range of the VPC; the zone subnets are carved from it (network.tf)."
  type        = string
  default     = "10.10.0.0/16"
}

variable "availability_zones" {
  description = "Availability zones; the dmz uses both, the other zones the first."
  type        = list(string)
  default     = ["ap-northeast-1a", "ap-northeast-1c"]
}

variable "registered_egress_ip" {
  description = "Our fixed egress address (BYOIP), registered with the grid operator as the only source of our dispatch traffic."
  type        = string
  default     = "198.51.100.10"
}

variable "byoip_pool_id" {
  description = "BYOIP pool that holds registered_egress_ip."
  type        = string
  default     = "ipv4pool-ec2-0123456789abcdef0"
}

# --- Outside networks (declared in gridfence.yaml under externals) ---------------------------------

variable "dispatch_system_cidr" {
  description = "The grid operator's dispatch system (簡易指令システム, OpenADR VTN). The real address comes with the line connection work (回線接続工事)."
  type        = string
  default     = "203.0.113.10/32"
}

variable "partner_cidrs" {
  description = "Addresses of partner aggregators whose implementation of the guideline has been confirmed."
  type        = list(string)
  default     = ["192.0.2.0/24"]
}

variable "customer_site_cidr" {
  description = "Addresses of the customer-site gateways on the carrier's closed network."
  type        = string
  default     = "192.168.0.0/16"
}

variable "carrier_vpn_peer_ip" {
  description = "Public address of the carrier's VPN gateway."
  type        = string
  default     = "198.51.100.220"
}

variable "corporate_cidr" {
  description = "The corporate LAN, reached over the site-to-site VPN."
  type        = string
  default     = "172.16.0.0/16"
}

variable "corporate_vpn_peer_ip" {
  description = "Public address of the corporate VPN gateway."
  type        = string
  default     = "198.51.100.200"
}

# --- Hosts ----------------------------------------------------------------------------------------

variable "ami_id" {
  description = "Hardened base image of all our own hosts."
  type        = string
  default     = "ami-0123456789abcdef0"
}

variable "log_collector_ami_id" {
  description = "The log-collector vendor's appliance image."
  type        = string
  default     = "ami-0fedcba9876543210"
}

variable "ven_instance_type" {
  description = "Instance type of the VEN."
  type        = string
  default     = "t3.small"
}

variable "host_instance_type" {
  description = "Instance type of the other hosts."
  type        = string
  default     = "t3.small"
}

# --- TLS at the front doors -----------------------------------------------------------------------

variable "tls_policy" {
  description = "TLS policy of the HTTPS listeners. TLS 1.2 and 1.3 only; Ext1 also keeps the two cipher suites that OpenADR 2.0b requires (ECDHE-ECDSA-AES128-SHA256, AES128-SHA256)."
  type        = string
  default     = "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06"

  validation {
    condition     = can(regex("^ELBSecurityPolicy-TLS13-1-[23]-", var.tls_policy))
    error_message = "Use a TLS13-1-2 or TLS13-1-3 policy: older policies accept TLS 1.0 or 1.1."
  }
}

variable "partner_certificate_arn" {
  description = "Server certificate of the partner ALB."
  type        = string
  default     = "arn:aws:acm:ap-northeast-1:111122223333:certificate/00000000-0000-0000-0000-000000000001"
}

variable "site_certificate_arn" {
  description = "Server certificate of the customer-site ALB."
  type        = string
  default     = "arn:aws:acm:ap-northeast-1:111122223333:certificate/00000000-0000-0000-0000-000000000002"
}

variable "pki_bucket" {
  description = "Bucket that holds the CA bundles the ALBs verify client certificates against."
  type        = string
  default     = "vpp-pki-example"
}

# --- Logs -----------------------------------------------------------------------------------------

variable "log_bucket_name" {
  description = "Name of the log archive bucket."
  type        = string
  default     = "vpp-log-archive-example"
}

variable "log_retention_days" {
  description = "How long the archive keeps every log, in days."
  type        = number
  default     = 365
}

variable "elb_account_id" {
  description = "AWS account that writes ALB access logs in the region (582318560864 is ap-northeast-1)."
  type        = string
  default     = "582318560864"
}
