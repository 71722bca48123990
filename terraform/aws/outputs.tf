output "api_url" {
  description = "NEXTMCP_API_URL for the CLI."
  value       = module.chart.api_url
}

output "git_ssh_url" {
  description = "Git remotes start with this."
  value       = module.chart.git_ssh_url
}

output "apps_url_pattern" {
  description = "Where apps are served."
  value       = module.chart.apps_url_pattern
}

output "platform_image_repository" {
  description = "Push the image built by bin/build-image here."
  value       = module.platform.platform_image_repository
}

output "backups_bucket" {
  description = "S3 bucket for backups."
  value       = module.platform.backups_bucket
}
