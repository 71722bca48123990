variable "name" {
  type        = string
  description = "Prefix of every resource's name."
  default     = "nextmcp"
}

variable "vpc_cidr" {
  type        = string
  description = "CIDR block of the VPC."
  default     = "10.42.0.0/16"
}

variable "availability_zones" {
  type        = list(string)
  description = "Availability zones of the subnets (two or three)."
}

variable "kubernetes_version" {
  type        = string
  description = "EKS Kubernetes version."
  default     = "1.31"
}

variable "node_instance_type" {
  type        = string
  description = "Instance type of the managed node group."
  default     = "m6i.large"
}

variable "node_count" {
  type        = object({ min = number, desired = number, max = number })
  description = "Managed node group size."
  default     = { min = 2, desired = 3, max = 6 }
}

variable "database_instance_class" {
  type        = string
  description = "RDS instance class of the platform's PostgreSQL."
  default     = "db.t4g.medium"
}

variable "namespace" {
  type        = string
  description = "Namespace of the platform (for the IAM role's service account condition)."
  default     = "nextmcp"
}
