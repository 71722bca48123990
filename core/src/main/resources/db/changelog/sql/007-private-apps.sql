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
