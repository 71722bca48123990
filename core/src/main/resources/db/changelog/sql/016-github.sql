--liquibase formatted sql

--changeset nextmcp:016-github
-- Previews are apps with a parent: the router, runtime, releases, logs and config vars serve them
-- unchanged. Their names are host labels ('pr-7--weather', 'feature-x--weather'), so they may be
-- longer than a user's app name; the '--' in them never clashes with a user's app (AppName refuses it).
ALTER TABLE apps ADD COLUMN parent_id bigint REFERENCES apps (id) ON DELETE CASCADE;
ALTER TABLE apps DROP CONSTRAINT apps_name_check;
ALTER TABLE apps ADD CONSTRAINT apps_name_check CHECK (name ~ '^[a-z][a-z0-9-]{1,30}[a-z0-9]$'
  OR (parent_id IS NOT NULL AND name ~ '^[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$'));
CREATE INDEX apps_parent ON apps (parent_id) WHERE parent_id IS NOT NULL;

-- label: 'pr-<n>' or the branch slug; the preview app's name is '<label>--<parent>'.
CREATE TABLE previews (
  app_id     bigint PRIMARY KEY REFERENCES apps (id) ON DELETE CASCADE,
  parent_id  bigint NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
  label      text NOT NULL,
  pr_number  int,
  branch     text NOT NULL,
  commit_sha text,
  comment_id bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (parent_id, label)
);

-- One app per repository: a delivery names the repository, never the app.
CREATE TABLE github_connections (
  app_id            bigint PRIMARY KEY REFERENCES apps (id) ON DELETE CASCADE,
  repository        text NOT NULL UNIQUE CHECK (repository = lower(repository)),
  production_branch text,  -- null: the repository's default branch, as each delivery names it
  previews          text NOT NULL CHECK (previews IN ('off', 'pr', 'branches', 'pr,branches')),
  connected_by      bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at        timestamptz NOT NULL DEFAULT now()
);

-- Deliveries are stored before the webhook answers 2xx; the id is X-GitHub-Delivery, so a
-- redelivery finds its row and does nothing twice.
CREATE TABLE github_deliveries (
  id           text PRIMARY KEY,
  event        text NOT NULL,
  action       text,
  repository   text,
  app_id       bigint REFERENCES apps (id) ON DELETE SET NULL,
  payload      text NOT NULL,
  status       text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'done', 'ignored', 'failed')),
  outcome      text,
  received_at  timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz
);
CREATE INDEX github_deliveries_queued ON github_deliveries (received_at) WHERE status = 'queued';
CREATE INDEX github_deliveries_app ON github_deliveries (app_id, received_at DESC);

-- Builds started from GitHub and what was reported back for them (reported: the last state sent).
CREATE TABLE github_builds (
  build_id      bigint PRIMARY KEY REFERENCES builds (id) ON DELETE CASCADE,
  repository    text NOT NULL,
  commit_sha    text NOT NULL,
  environment   text NOT NULL,
  deployment_id bigint,
  reported      text NOT NULL DEFAULT 'none'
);
