# From an empty Google Cloud project to a running platform: docs/cluster.md.
module "platform" {
  source     = "../modules/gcp-platform"
  project_id = var.project_id
  region     = var.region
}

resource "kubernetes_storage_class" "filestore" {
  metadata {
    name = "filestore"
  }
  storage_provisioner = "filestore.csi.storage.gke.io"
  parameters = {
    tier = "standard"
  }
}

data "google_secret_manager_secret_version" "database" {
  secret = module.platform.database_password_secret
}

module "chart" {
  source                      = "../modules/nextmcp-chart"
  chart_path                  = "${path.module}/../../charts/nextmcp"
  image_repository            = "${module.platform.image_registry}/nextmcp-server"
  image_tag                   = var.image_tag
  public_host                 = var.public_host
  apps_domain                 = var.apps_domain
  database_url                = module.platform.database_url
  database_password           = data.google_secret_manager_secret_version.database.secret_data
  kpack_tag_prefix            = "${module.platform.image_registry}/apps-"
  git_storage_class           = kubernetes_storage_class.filestore.metadata[0].name
  ingress_class               = "gce"
  service_account_annotations = { "iam.gke.io/gcp-service-account" = module.platform.platform_service_account }
}

resource "google_dns_record_set" "apps" {
  project      = var.project_id
  managed_zone = var.dns_zone_name
  name         = "*.${var.apps_domain}."
  type         = "A"
  ttl          = 300
  rrdatas      = [module.chart.router_load_balancer]
}

resource "google_dns_record_set" "git" {
  project      = var.project_id
  managed_zone = var.dns_zone_name
  name         = "git.${var.public_host}."
  type         = "A"
  ttl          = 300
  rrdatas      = [module.chart.git_ssh_load_balancer]
}
