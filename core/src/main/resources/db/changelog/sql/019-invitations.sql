--liquibase formatted sql

--changeset nextmcp:019-invitations
-- An invitation to a team for an e-mail address, accepted through a single-use link. Only the
-- SHA-256 of the link's secret is kept, as for API tokens. A row is pending until accepted,
-- revoked or past expires_at; at most one pending invitation per team and address (a new one
-- replaces the old one in the same transaction).
CREATE TABLE team_invitations (
  id          bigserial PRIMARY KEY,
  team_id     bigint NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  email       text NOT NULL,
  role        text NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
  code_hash   bytea NOT NULL UNIQUE,
  invited_by  bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  accepted_at timestamptz,
  accepted_by bigint REFERENCES users (id) ON DELETE SET NULL,
  revoked_at  timestamptz,
  CHECK (accepted_at IS NULL OR revoked_at IS NULL)
);
CREATE UNIQUE INDEX team_invitations_open ON team_invitations (team_id, lower(email))
  WHERE accepted_at IS NULL AND revoked_at IS NULL;
