variable "project_id" {
  type        = string
  description = "Google Cloud project to create everything in."
}

variable "region" {
  type        = string
  description = "Google Cloud region, e.g. europe-west1."
}

variable "dns_zone_name" {
  type        = string
  description = "Cloud DNS managed zone of public_host and apps_domain."
}

variable "public_host" {
  type        = string
  description = "Host name of the API and dashboard, e.g. nextmcp.example.com."
}

variable "apps_domain" {
  type        = string
  description = "Domain apps are served under, e.g. apps.example.com (gets a wildcard record)."
}

variable "image_tag" {
  type        = string
  description = "Tag of the nextmcp-server image pushed to the Artifact Registry this creates."
  default     = "0.1.0"
}
