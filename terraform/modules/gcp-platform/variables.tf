variable "name" {
  type        = string
  description = "Prefix of every resource's name."
  default     = "nextmcp"
}

variable "project_id" {
  type        = string
  description = "Google Cloud project."
}

variable "region" {
  type        = string
  description = "Google Cloud region."
}

variable "node_machine_type" {
  type        = string
  description = "Machine type of the GKE node pool."
  default     = "e2-standard-4"
}

variable "node_count" {
  type        = object({ min = number, max = number })
  description = "Node pool autoscaling bounds per zone."
  default     = { min = 1, max = 3 }
}

variable "database_tier" {
  type        = string
  description = "Cloud SQL machine tier."
  default     = "db-custom-2-7680"
}

variable "namespace" {
  type        = string
  description = "Namespace of the platform (for the Workload Identity binding)."
  default     = "nextmcp"
}
