--liquibase formatted sql

--changeset nextmcp:003-routing
-- Instances are written by the runtime. The router only sends traffic to state 'healthy'.
CREATE TABLE instances (
  id              text PRIMARY KEY,
  app_id          bigint NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
  release_version int NOT NULL,
  process_type    text NOT NULL DEFAULT 'web',
  address         text NOT NULL,
  state           text NOT NULL CHECK (state IN ('starting', 'healthy', 'draining', 'stopped', 'crashed')),
  restarts        int NOT NULL DEFAULT 0,
  node            text,
  started_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX instances_app_release ON instances (app_id, release_version);

-- The route table. For kind 'production' and 'preview', hostname is the label under the apps
-- domain ('weather', 'pr-7--weather'), so changing the apps domain needs no data change; for
-- kind 'custom' it is the full host name. release_version says which release serves the host
-- (null: nothing deployed yet, the router answers 503). Switching a route is one UPDATE.
CREATE TABLE routes (
  hostname        text PRIMARY KEY CHECK (hostname = lower(hostname)),
  app_id          bigint NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
  kind            text NOT NULL DEFAULT 'production' CHECK (kind IN ('production', 'preview', 'custom')),
  release_version int,
  max_body_bytes  bigint,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX routes_app ON routes (app_id);
