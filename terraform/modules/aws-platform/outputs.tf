output "cluster_name" {
  description = "EKS cluster name."
  value       = aws_eks_cluster.main.name
}

output "cluster_endpoint" {
  description = "EKS API server endpoint."
  value       = aws_eks_cluster.main.endpoint
}

output "cluster_ca_certificate" {
  description = "EKS cluster CA certificate (base64)."
  value       = aws_eks_cluster.main.certificate_authority[0].data
}

output "database_url" {
  description = "JDBC URL of the RDS PostgreSQL."
  value       = "jdbc:postgresql://${aws_db_instance.main.endpoint}/nextmcp?sslmode=require"
}

output "database_password_secret_arn" {
  description = "Secrets Manager secret RDS keeps the generated password in."
  value       = aws_db_instance.main.master_user_secret[0].secret_arn
}

output "platform_image_repository" {
  description = "ECR repository to push bin/build-image's tarball to."
  value       = aws_ecr_repository.platform.repository_url
}

output "apps_image_prefix" {
  description = "kpack tag prefix of app images."
  value       = "${aws_ecr_repository.apps.repository_url}/"
}

output "platform_role_arn" {
  description = "IAM role of the platform's service account."
  value       = aws_iam_role.platform.arn
}

output "efs_file_system_id" {
  description = "EFS file system of the git repositories (for the efs StorageClass)."
  value       = aws_efs_file_system.repositories.id
}

output "backups_bucket" {
  description = "S3 bucket for database dumps and repository backups."
  value       = aws_s3_bucket.backups.bucket
}
