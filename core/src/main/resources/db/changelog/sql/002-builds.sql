--liquibase formatted sql

--changeset nextmcp:002-builds
-- The build queue. Workers claim with FOR UPDATE SKIP LOCKED and hold a lease (worker, lease_expires_at)
-- that they renew; a 'running' build whose lease expired is claimable again.
-- Terminal states: 'succeeded' (release_version set once the release is live) and 'failed' (error set).
CREATE TABLE builds (
  id               bigserial PRIMARY KEY,
  app_id           bigint NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
  commit_sha       text NOT NULL CHECK (commit_sha ~ '^[0-9a-f]{40}$'),
  ref              text NOT NULL,
  pusher_id        bigint REFERENCES users (id) ON DELETE SET NULL,
  status           text NOT NULL DEFAULT 'queued'
                   CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  worker           text,
  lease_expires_at timestamptz,
  attempts         int NOT NULL DEFAULT 0,
  error            text,
  buildpack        text,
  artifact         text,
  image_digest     text,
  release_version  int,
  created_at       timestamptz NOT NULL DEFAULT now(),
  started_at       timestamptz,
  finished_at      timestamptz
);
CREATE INDEX builds_app ON builds (app_id, id DESC);
CREATE INDEX builds_open ON builds (id) WHERE status IN ('queued', 'running');

-- Every log line of the platform: build output (source 'build'), instance output ('web.1'),
-- platform events ('platform'). id orders lines; followers resume after the last id they saw.
CREATE TABLE log_lines (
  id       bigserial PRIMARY KEY,
  app_id   bigint NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
  build_id bigint REFERENCES builds (id) ON DELETE CASCADE,
  source   text NOT NULL,
  at       timestamptz NOT NULL DEFAULT clock_timestamp(),
  line     text NOT NULL
);
CREATE INDEX log_lines_app ON log_lines (app_id, id);
CREATE INDEX log_lines_build ON log_lines (build_id, id) WHERE build_id IS NOT NULL;
