variable "region" {
  type        = string
  description = "AWS region, e.g. eu-west-1."
}

variable "availability_zones" {
  type        = list(string)
  description = "Two or three availability zones of the region."
}

variable "dns_zone_id" {
  type        = string
  description = "Route 53 hosted zone of public_host and apps_domain."
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
  description = "Tag of the nextmcp-server image pushed to the ECR repository this creates."
  default     = "0.1.0"
}
