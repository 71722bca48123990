--liquibase formatted sql

--changeset nextmcp:009-token-grants
-- A grant to one API token rather than to a person: that token (scope mcp) may call the private
-- app, whoever owns it, without its owner joining the team. Revoking or deleting the token ends the
-- grant: the router only knows live tokens, and a deleted token takes its grants with it.
CREATE TABLE app_token_grants (
  app_id     bigint NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
  token_id   bigint NOT NULL REFERENCES api_tokens (id) ON DELETE CASCADE,
  granted_by bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (app_id, token_id)
);
CREATE INDEX app_token_grants_token ON app_token_grants (token_id);
