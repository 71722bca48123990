--liquibase formatted sql

--changeset nextmcp:004-releases
-- Releases are immutable: vN = an artifact (by digest) + a sealed snapshot of the config vars.
-- Versions come from release_counters (one upserted row per app), so concurrent inserts for the
-- same app get consecutive numbers instead of racing on max(version).
-- status: 'pending' (waiting for the runtime), 'live' (serving; at most one per app),
-- 'failed' (never became healthy, error says why), 'superseded' (a later release went live).
CREATE TABLE release_counters (
  app_id       bigint PRIMARY KEY REFERENCES apps (id) ON DELETE CASCADE,
  last_version int NOT NULL
);

CREATE TABLE releases (
  id              bigserial PRIMARY KEY,
  app_id          bigint NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
  version         int NOT NULL CHECK (version > 0),
  build_id        bigint REFERENCES builds (id) ON DELETE SET NULL,
  artifact_digest text NOT NULL CHECK (artifact_digest ~ '^[0-9a-f]{64}$'),
  config_sealed   bytea NOT NULL,
  description     text NOT NULL,
  created_by      bigint REFERENCES users (id) ON DELETE SET NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'live', 'failed', 'superseded')),
  error           text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (app_id, version)
);
CREATE UNIQUE INDEX releases_one_live ON releases (app_id) WHERE status = 'live';

-- Config vars, each value sealed with SecretBox under the context '<app id>:<key>'.
CREATE TABLE config_vars (
  app_id      bigint NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
  key         text NOT NULL CHECK (key ~ '^[A-Za-z_][A-Za-z0-9_]*$'),
  value_sealed bytea NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (app_id, key)
);

-- Desired process counts. No row means the default: one 'web' process.
-- restart_requested_at: instances started before it are replaced (rolling, no downtime).
CREATE TABLE formations (
  app_id               bigint NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
  process_type         text NOT NULL CHECK (process_type ~ '^[a-z][a-z0-9_-]{0,29}$'),
  quantity             int NOT NULL CHECK (quantity >= 0 AND quantity <= 100),
  restart_requested_at timestamptz,
  updated_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (app_id, process_type)
);

-- The runtime records the process id of each instance, so that after the platform was killed
-- it can stop processes that outlived it before it starts the app again.
ALTER TABLE instances ADD COLUMN pid bigint;
