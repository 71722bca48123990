terraform {
  required_version = ">= 1.6"
  required_providers {
    google     = { source = "hashicorp/google", version = "~> 6.10" }
    kubernetes = { source = "hashicorp/kubernetes", version = "~> 2.33" }
    helm       = { source = "hashicorp/helm", version = "~> 2.17" }
    random     = { source = "hashicorp/random", version = "~> 3.6" }
  }
}

provider "google" {
  project = var.project_id
  region  = var.region
}

data "google_client_config" "current" {}

provider "kubernetes" {
  host                   = "https://${module.platform.cluster_endpoint}"
  cluster_ca_certificate = base64decode(module.platform.cluster_ca_certificate)
  token                  = data.google_client_config.current.access_token
}

provider "helm" {
  kubernetes {
    host                   = "https://${module.platform.cluster_endpoint}"
    cluster_ca_certificate = base64decode(module.platform.cluster_ca_certificate)
    token                  = data.google_client_config.current.access_token
  }
}
