# From an empty AWS account to a running platform: docs/cluster.md.
module "platform" {
  source             = "../modules/aws-platform"
  availability_zones = var.availability_zones
}

resource "kubernetes_storage_class" "efs" {
  metadata {
    name = "efs"
  }
  storage_provisioner = "efs.csi.aws.com"
  parameters = {
    provisioningMode = "efs-ap"
    fileSystemId     = module.platform.efs_file_system_id
    directoryPerms   = "700"
  }
}

# RDS keeps the generated password in Secrets Manager; it is copied into the Secret the chart references.
data "aws_secretsmanager_secret_version" "database" {
  secret_id = module.platform.database_password_secret_arn
}

module "chart" {
  source                      = "../modules/nextmcp-chart"
  chart_path                  = "${path.module}/../../charts/nextmcp"
  image_repository            = module.platform.platform_image_repository
  image_tag                   = var.image_tag
  public_host                 = var.public_host
  apps_domain                 = var.apps_domain
  database_url                = module.platform.database_url
  database_password           = jsondecode(data.aws_secretsmanager_secret_version.database.secret_string)["password"]
  kpack_tag_prefix            = module.platform.apps_image_prefix
  git_storage_class           = kubernetes_storage_class.efs.metadata[0].name
  ingress_class               = "alb"
  service_account_annotations = { "eks.amazonaws.com/role-arn" = module.platform.platform_role_arn }
}

resource "aws_route53_record" "apps" {
  zone_id = var.dns_zone_id
  name    = "*.${var.apps_domain}"
  type    = "CNAME"
  ttl     = 300
  records = [module.chart.router_load_balancer]
}

resource "aws_route53_record" "git" {
  zone_id = var.dns_zone_id
  name    = "git.${var.public_host}"
  type    = "CNAME"
  ttl     = 300
  records = [module.chart.git_ssh_load_balancer]
}
