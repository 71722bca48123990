--liquibase formatted sql

--changeset nextmcp:007-private-apps
-- A private app is called only by members of its team and users granted access; the router
-- checks every call against a snapshot of these rows (re-read on NOTIFY access).
ALTER TABLE apps ADD COLUMN visibility text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'private'));

-- Grants let a user outside the app's team call a private app.
CREATE TABLE app_grants (
  app_id     bigint NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
  user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  granted_by bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (app_id, user_id)
);
CREATE INDEX app_grants_user ON app_grants (user_id);

-- An API token bound to one app (app_id set) is for calling that app through the router only.
-- scopes: 'api' (the control API) and/or 'mcp' (calls through the router); existing tokens are 'api'.
ALTER TABLE api_tokens ADD COLUMN app_id bigint REFERENCES apps (id) ON DELETE CASCADE;
ALTER TABLE api_tokens ADD COLUMN scopes text[] NOT NULL DEFAULT '{api}';

--changeset nextmcp:007-oauth
-- The platform as OAuth 2.1 authorization server for private apps. Access tokens are ES256 JWTs
-- signed with the newest key; routers verify them with the public keys (and re-read on NOTIFY access).
-- A key is published until retires_at, which outlives the last token it signed.
CREATE TABLE oauth_signing_keys (
  kid                text PRIMARY KEY,
  public_key         bytea NOT NULL,
  private_key_sealed bytea NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  retires_at         timestamptz NOT NULL
);

-- Clients: registered dynamically (RFC 7591) or named by their metadata document URL.
CREATE TABLE oauth_clients (
  client_id     text PRIMARY KEY,
  client_name   text,
  redirect_uris text[] NOT NULL,
  metadata_url  boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- A user's consent that a client may call an app for them; revoking it ends the client's tokens.
CREATE TABLE oauth_consents (
  user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  client_id  text NOT NULL REFERENCES oauth_clients (client_id) ON DELETE CASCADE,
  app_id     bigint NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, client_id, app_id)
);

-- Authorization codes (stored hashed), single use, short-lived, bound to the PKCE challenge.
CREATE TABLE oauth_codes (
  code_hash      bytea PRIMARY KEY,
  client_id      text NOT NULL REFERENCES oauth_clients (client_id) ON DELETE CASCADE,
  user_id        bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  app_id         bigint NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
  resource       text NOT NULL,
  redirect_uri   text NOT NULL,
  code_challenge text NOT NULL,
  expires_at     timestamptz NOT NULL,
  used_at        timestamptz
);

-- Refresh tokens of OAuth clients: rotated on use; a spent one presented again revokes its family.
CREATE TABLE oauth_refresh_tokens (
  id         bigserial PRIMARY KEY,
  token_hash bytea NOT NULL UNIQUE,
  family     uuid NOT NULL,
  client_id  text NOT NULL REFERENCES oauth_clients (client_id) ON DELETE CASCADE,
  user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  app_id     bigint NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
  resource   text NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at    timestamptz,
  revoked_at timestamptz
);
CREATE INDEX oauth_refresh_tokens_family ON oauth_refresh_tokens (family);
