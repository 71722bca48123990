variable "chart_path" {
  type        = string
  description = "Path of charts/nextmcp in this repository."
}

variable "namespace" {
  type        = string
  description = "Namespace the platform's roles run in."
  default     = "nextmcp"
}

variable "image_repository" {
  type        = string
  description = "Repository of the nextmcp-server image (built by bin/build-image and pushed there)."
}

variable "image_tag" {
  type        = string
  description = "Tag of the nextmcp-server image."
}

variable "public_host" {
  type        = string
  description = "Host name of the API and dashboard; git over SSH is git.<public_host>."
}

variable "apps_domain" {
  type        = string
  description = "Apps are served at <app>.<apps_domain> (a wildcard DNS record points it at the router)."
}

variable "database_url" {
  type        = string
  description = "JDBC URL of the platform's PostgreSQL 15+, e.g. jdbc:postgresql://host:5432/nextmcp?sslmode=require."
}

variable "database_user" {
  type        = string
  description = "PostgreSQL user of the platform."
  default     = "nextmcp"
}

variable "database_password" {
  type        = string
  description = "Password of database_user, read from the cloud's secret manager by the root module."
  sensitive   = true
}

variable "keys_secret_name" {
  type        = string
  description = "Existing Kubernetes Secret with keys master-key, jwt-secret and source-signing-key; empty: the chart generates them once and keeps them."
  default     = ""
}

variable "kpack_tag_prefix" {
  type        = string
  description = "Registry prefix app images are pushed under, e.g. <account>.dkr.ecr.<region>.amazonaws.com/nextmcp-apps/."
}

variable "git_storage_class" {
  type        = string
  description = "StorageClass of the ReadWriteMany volume holding the git repositories (EFS, Filestore)."
}

variable "ingress_class" {
  type        = string
  description = "IngressClass of the API's Ingress (alb, gce)."
}

variable "service_account_annotations" {
  type        = map(string)
  description = "Annotations of the platform's ServiceAccount (IRSA role ARN, Workload Identity service account)."
  default     = {}
}

variable "router_replicas" {
  type        = object({ min = number, max = number })
  description = "Router autoscaling bounds."
  default     = { min = 2, max = 10 }
}
