--liquibase formatted sql

--changeset nextmcp:011-domains
-- Custom domains. Several apps may claim one host name, each with its own TXT token, but only one
-- claim can be verified at a time (partial unique index): proving ownership afresh moves the name
-- to the new claim and deletes the old one (takeover by proof, never by asking first).
-- state: pending_ownership → pending_dns → pending_certificate → active, or failing (reason says why).
CREATE TABLE domains (
  id                bigserial PRIMARY KEY,
  hostname          text NOT NULL CHECK (hostname = lower(hostname)),
  app_id            bigint NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
  state             text NOT NULL DEFAULT 'pending_ownership'
                    CHECK (state IN ('pending_ownership', 'pending_dns', 'pending_certificate', 'active', 'failing')),
  reason            text,
  token             text NOT NULL,
  redirect_http     boolean NOT NULL DEFAULT false,
  verified_at       timestamptz,
  -- When the TXT record was first seen missing after verification; cleared when it is back.
  txt_missing_since timestamptz,
  dns_failures      int NOT NULL DEFAULT 0,
  next_check_at     timestamptz NOT NULL DEFAULT now(),
  last_checked_at   timestamptz,
  cert_failures     int NOT NULL DEFAULT 0,
  next_cert_at      timestamptz NOT NULL DEFAULT now(),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (hostname, app_id)
);
CREATE UNIQUE INDEX domains_verified_hostname ON domains (hostname) WHERE verified_at IS NOT NULL;
CREATE INDEX domains_app ON domains (app_id);

-- The certificate a verified domain is served with. Chain and key are sealed with the master key
-- (SecretBox, the host name as associated data); every router replica loads them.
CREATE TABLE certificates (
  domain_id     bigint PRIMARY KEY REFERENCES domains (id) ON DELETE CASCADE,
  hostname      text NOT NULL,
  chain_sealed  bytea NOT NULL,
  key_sealed    bytea NOT NULL,
  not_before    timestamptz NOT NULL,
  not_after     timestamptz NOT NULL,
  issued_at     timestamptz NOT NULL DEFAULT now()
);

-- The platform's one ACME account: its key pair (PEM, sealed), generated once.
CREATE TABLE acme_account (
  id          int PRIMARY KEY CHECK (id = 1),
  key_sealed  bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- HTTP-01 answers: any router replica answers /.well-known/acme-challenge/<token> from here.
CREATE TABLE acme_challenges (
  token             text PRIMARY KEY,
  hostname          text NOT NULL,
  key_authorization text NOT NULL,
  expires_at        timestamptz NOT NULL
);

-- The certificate for *.<apps-domain> (and the apps domain itself), ordered with DNS-01 when an
-- RFC 2136 DNS updater is configured. One row per apps domain, so changing it orders afresh.
CREATE TABLE wildcard_certificates (
  apps_domain   text PRIMARY KEY CHECK (apps_domain = lower(apps_domain)),
  chain_sealed  bytea,
  key_sealed    bytea,
  not_before    timestamptz,
  not_after     timestamptz,
  reason        text,
  failures      int NOT NULL DEFAULT 0,
  next_at       timestamptz NOT NULL DEFAULT now()
);
