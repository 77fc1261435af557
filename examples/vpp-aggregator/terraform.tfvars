# Production values; everything else keeps the defaults of variables.tf.
environment        = "prod"
owner              = "vpp-platform"
ven_instance_type  = "t3.medium"
log_retention_days = 400
