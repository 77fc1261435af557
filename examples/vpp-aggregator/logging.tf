# Logs for incident response: guideline (6)ア 情報収集 (collect the logs needed to respond to an
# incident). Three sources, one archive:
#
#   VPC flow logs       every accepted and rejected packet header in the VPC (flow-logs-enabled)
#   ALB access logs     every request at the two front doors (edge.tf)
#   CloudTrail          every API call that changes the infrastructure (audit-trail-tamper-evident)
#
# The archive bucket is write-once (Object Lock in compliance mode): not even an administrator can
# delete or overwrite a log before its retention ends, so an intruder cannot cover their tracks.
# Host logs go to the log collector in the ops zone over syslog-TLS (security.tf, F10).

resource "aws_s3_bucket" "logs" {
  bucket = var.log_bucket_name

  # Object Lock also turns on versioning, which it needs.
  object_lock_enabled = true

  tags = {
    Name           = var.log_bucket_name
    gridfence-zone = "ops"
  }
}

resource "aws_s3_bucket_object_lock_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = var.log_retention_days
    }
  }
}

# Encrypted at rest (guideline (5)イ; gridfence: data-at-rest-encrypted). ALB access logs
# support only S3-managed keys.
resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

# Never public (gridfence: no-public-data-stores).
resource "aws_s3_bucket_public_access_block" "logs" {
  bucket                  = aws_s3_bucket.logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# Who may write: the flow-log and CloudTrail services and the regional ELB account, each under its
# own prefix. Nobody may use the bucket without TLS.
resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "LogServicesCheckAcl"
        Effect    = "Allow"
        Principal = { Service = ["delivery.logs.amazonaws.com", "cloudtrail.amazonaws.com"] }
        Action    = "s3:GetBucketAcl"
        Resource  = aws_s3_bucket.logs.arn
      },
      {
        Sid       = "LogServicesWrite"
        Effect    = "Allow"
        Principal = { Service = ["delivery.logs.amazonaws.com", "cloudtrail.amazonaws.com"] }
        Action    = "s3:PutObject"
        Resource  = ["${aws_s3_bucket.logs.arn}/flow-logs/*", "${aws_s3_bucket.logs.arn}/cloudtrail/*"]
        Condition = { StringEquals = { "s3:x-amz-acl" = "bucket-owner-full-control" } }
      },
      {
        Sid       = "AlbAccessLogsWrite"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${var.elb_account_id}:root" }
        Action    = "s3:PutObject"
        Resource  = "${aws_s3_bucket.logs.arn}/alb/*"
      },
      {
        Sid       = "DenyWithoutTls"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.logs.arn, "${aws_s3_bucket.logs.arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
  })
}

# Flow logs for ALL traffic (accepted and rejected) of the whole VPC, so every zone is covered
# (gridfence: flow-logs-enabled). A dropped packet at a zone boundary is often the first sign
# of a compromised host probing its neighbours.
resource "aws_flow_log" "vpc" {
  vpc_id                   = aws_vpc.main.id
  traffic_type             = "ALL"
  log_destination_type     = "s3"
  log_destination          = "${aws_s3_bucket.logs.arn}/flow-logs/"
  max_aggregation_interval = 60

  tags = {
    Name = "${local.name}-flow-logs"
  }
}

# All regions, with digest files that prove a log file has not been changed since delivery.
resource "aws_cloudtrail" "audit" {
  name                          = "${local.name}-audit"
  s3_bucket_name                = aws_s3_bucket.logs.id
  s3_key_prefix                 = "cloudtrail"
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true

  depends_on = [aws_s3_bucket_policy.logs]
}
