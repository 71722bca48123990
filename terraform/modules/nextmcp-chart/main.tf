# Installs charts/nextmcp with the values the cloud modules produce. Every key set here exists in the
# chart's values.schema.json (checked by the deploy module's TerraformConsistencyTest).
locals {
  chart_values = {
    "image.repository"                     = var.image_repository
    "image.tag"                            = var.image_tag
    "publicHost"                           = var.public_host
    "appsDomain"                           = var.apps_domain
    "database.url"                         = var.database_url
    "database.user"                        = var.database_user
    "database.existingSecret"              = kubernetes_secret.database.metadata[0].name
    "secrets.existingSecret"               = var.keys_secret_name
    "kpack.tagPrefix"                      = var.kpack_tag_prefix
    "gitStorage.storageClassName"          = var.git_storage_class
    "ingress.className"                    = var.ingress_class
    "roles.router.autoscaling.minReplicas" = var.router_replicas.min
    "roles.router.autoscaling.maxReplicas" = var.router_replicas.max
  }
}

resource "kubernetes_namespace" "platform" {
  metadata {
    name = var.namespace
    labels = {
      "pod-security.kubernetes.io/enforce" = "restricted"
    }
  }
}

resource "kubernetes_secret" "database" {
  metadata {
    name      = "nextmcp-database"
    namespace = kubernetes_namespace.platform.metadata[0].name
  }
  data = {
    database-password = var.database_password
  }
}

resource "helm_release" "nextmcp" {
  name      = "nextmcp"
  namespace = kubernetes_namespace.platform.metadata[0].name
  chart     = var.chart_path
  wait      = true
  timeout   = 900

  dynamic "set" {
    for_each = local.chart_values
    content {
      name  = set.key
      value = set.value
    }
  }

  dynamic "set" {
    for_each = var.service_account_annotations
    content {
      name  = "serviceAccount.annotations.${replace(set.key, ".", "\\.")}"
      value = set.value
    }
  }
}

data "kubernetes_service" "router" {
  metadata {
    name      = "nextmcp-router"
    namespace = kubernetes_namespace.platform.metadata[0].name
  }
  depends_on = [helm_release.nextmcp]
}

data "kubernetes_service" "git_ssh" {
  metadata {
    name      = "nextmcp-git-ssh"
    namespace = kubernetes_namespace.platform.metadata[0].name
  }
  depends_on = [helm_release.nextmcp]
}
