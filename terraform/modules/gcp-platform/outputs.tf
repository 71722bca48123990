output "cluster_name" {
  description = "GKE cluster name."
  value       = google_container_cluster.main.name
}

output "cluster_endpoint" {
  description = "GKE API server endpoint."
  value       = google_container_cluster.main.endpoint
}

output "cluster_ca_certificate" {
  description = "GKE cluster CA certificate (base64)."
  value       = google_container_cluster.main.master_auth[0].cluster_ca_certificate
}

output "database_url" {
  description = "JDBC URL of the Cloud SQL PostgreSQL (private address)."
  value       = "jdbc:postgresql://${google_sql_database_instance.main.private_ip_address}:5432/nextmcp?sslmode=require"
}

output "database_password_secret" {
  description = "Secret Manager secret holding the database password."
  value       = google_secret_manager_secret.database_password.secret_id
}

output "image_registry" {
  description = "Artifact Registry path for the platform's and the apps' images."
  value       = "${var.region}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.images.repository_id}"
}

output "platform_service_account" {
  description = "Google service account the platform's Kubernetes service account impersonates."
  value       = google_service_account.platform.email
}

output "backups_bucket" {
  description = "GCS bucket for database dumps and repository backups."
  value       = google_storage_bucket.backups.name
}
