variable "name" {
  description = "Name of the security group."
  type        = string
}

variable "zone" {
  description = "gridfence zone of the group; written to the gridfence-zone tag."
  type        = string
}

variable "description" {
  description = "What the group protects."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the group."
  type        = string
}

variable "ingress" {
  description = "Inbound rules: one port each, from the listed CIDRs."
  type = list(object({
    description = string
    protocol    = string
    port        = number
    cidrs       = list(string)
  }))
  default = []
}

variable "egress" {
  description = "Outbound rules: one port each, to the listed CIDRs. Empty means no outbound traffic."
  type = list(object({
    description = string
    protocol    = string
    port        = number
    cidrs       = list(string)
  }))
  default = []
}

variable "tags" {
  description = "Extra tags."
  type        = map(string)
  default     = {}
}
