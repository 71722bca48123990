output "api_url" {
  description = "Where users and the CLI reach the platform (NEXTMCP_API_URL)."
  value       = "https://${var.public_host}"
}

output "git_ssh_url" {
  description = "Git remote form for apps: <git_ssh_url>/<app>.git."
  value       = "ssh://git@git.${var.public_host}:22"
}

output "apps_url_pattern" {
  description = "Where each app is served."
  value       = "http://<app>.${var.apps_domain}"
}

output "router_load_balancer" {
  description = "Host name or address of the router's load balancer (target of the wildcard record)."
  value       = try(data.kubernetes_service.router.status[0].load_balancer[0].ingress[0].hostname, data.kubernetes_service.router.status[0].load_balancer[0].ingress[0].ip, "")
}

output "git_ssh_load_balancer" {
  description = "Host name or address of the git SSH load balancer (target of git.<public_host>)."
  value       = try(data.kubernetes_service.git_ssh.status[0].load_balancer[0].ingress[0].hostname, data.kubernetes_service.git_ssh.status[0].load_balancer[0].ingress[0].ip, "")
}
