# The Google Cloud side: a VPC, GKE with Workload Identity, Cloud SQL PostgreSQL 16 on a private address, GCS
# for backups, Artifact Registry for images, Filestore for the git repositories (ReadWriteMany), and the
# generated database password in Secret Manager.
resource "google_compute_network" "main" {
  project                 = var.project_id
  name                    = var.name
  auto_create_subnetworks = false
}

resource "google_compute_subnetwork" "main" {
  project       = var.project_id
  name          = var.name
  region        = var.region
  network       = google_compute_network.main.id
  ip_cidr_range = "10.42.0.0/20"
  secondary_ip_range {
    range_name    = "pods"
    ip_cidr_range = "10.44.0.0/14"
  }
  secondary_ip_range {
    range_name    = "services"
    ip_cidr_range = "10.48.0.0/20"
  }
}

resource "google_container_cluster" "main" {
  project                  = var.project_id
  name                     = var.name
  location                 = var.region
  network                  = google_compute_network.main.id
  subnetwork               = google_compute_subnetwork.main.id
  remove_default_node_pool = true
  initial_node_count       = 1
  networking_mode          = "VPC_NATIVE"
  ip_allocation_policy {
    cluster_secondary_range_name  = "pods"
    services_secondary_range_name = "services"
  }
  workload_identity_config {
    workload_pool = "${var.project_id}.svc.id.goog"
  }
  network_policy {
    enabled = true
  }
  addons_config {
    gcp_filestore_csi_driver_config {
      enabled = true
    }
  }
}

resource "google_container_node_pool" "main" {
  project  = var.project_id
  name     = "${var.name}-nodes"
  location = var.region
  cluster  = google_container_cluster.main.name
  autoscaling {
    min_node_count = var.node_count.min
    max_node_count = var.node_count.max
  }
  node_config {
    machine_type = var.node_machine_type
    workload_metadata_config {
      mode = "GKE_METADATA"
    }
    oauth_scopes = ["https://www.googleapis.com/auth/cloud-platform"]
  }
}

resource "google_compute_global_address" "sql" {
  project       = var.project_id
  name          = "${var.name}-sql"
  purpose       = "VPC_PEERING"
  address_type  = "INTERNAL"
  prefix_length = 20
  network       = google_compute_network.main.id
}

resource "google_service_networking_connection" "sql" {
  network                 = google_compute_network.main.id
  service                 = "servicenetworking.googleapis.com"
  reserved_peering_ranges = [google_compute_global_address.sql.name]
}

resource "google_sql_database_instance" "main" {
  project             = var.project_id
  name                = var.name
  region              = var.region
  database_version    = "POSTGRES_16"
  deletion_protection = true
  settings {
    tier              = var.database_tier
    availability_type = "REGIONAL"
    ip_configuration {
      ipv4_enabled    = false
      private_network = google_compute_network.main.id
    }
    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
    }
  }
  depends_on = [google_service_networking_connection.sql]
}

resource "google_sql_database" "nextmcp" {
  project  = var.project_id
  name     = "nextmcp"
  instance = google_sql_database_instance.main.name
}

# The password is generated here and kept in Secret Manager; the cluster reads it from there (External Secrets or
# the Secret Manager CSI driver) into the Secret the chart references.
resource "random_password" "database" {
  length  = 32
  special = false
}

resource "google_sql_user" "nextmcp" {
  project  = var.project_id
  name     = "nextmcp"
  instance = google_sql_database_instance.main.name
  password = random_password.database.result
}

resource "google_secret_manager_secret" "database_password" {
  project   = var.project_id
  secret_id = "${var.name}-database-password"
  replication {
    auto {}
  }
}

resource "google_secret_manager_secret_version" "database_password" {
  secret      = google_secret_manager_secret.database_password.id
  secret_data = random_password.database.result
}

resource "google_storage_bucket" "backups" {
  project                     = var.project_id
  name                        = "${var.project_id}-${var.name}-backups"
  location                    = var.region
  uniform_bucket_level_access = true
  versioning {
    enabled = true
  }
}

resource "google_artifact_registry_repository" "images" {
  project       = var.project_id
  location      = var.region
  repository_id = var.name
  format        = "DOCKER"
}

resource "google_service_account" "platform" {
  project      = var.project_id
  account_id   = "${var.name}-platform"
  display_name = "NextMCP platform"
}

resource "google_service_account_iam_member" "workload_identity" {
  service_account_id = google_service_account.platform.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "serviceAccount:${var.project_id}.svc.id.goog[${var.namespace}/nextmcp]"
}

resource "google_artifact_registry_repository_iam_member" "platform" {
  project    = var.project_id
  location   = var.region
  repository = google_artifact_registry_repository.images.name
  role       = "roles/artifactregistry.writer"
  member     = "serviceAccount:${google_service_account.platform.email}"
}

resource "google_storage_bucket_iam_member" "platform" {
  bucket = google_storage_bucket.backups.name
  role   = "roles/storage.objectAdmin"
  member = "serviceAccount:${google_service_account.platform.email}"
}
