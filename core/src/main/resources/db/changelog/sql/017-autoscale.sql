--liquibase formatted sql

--changeset nextmcp:017-autoscale
-- Autoscaling, one writer per table (docs/architecture.md, "Scale to zero and autoscaling"):
-- autoscale_settings: what the user asked for (the API, through core's Autoscaling service).
-- A row means the app autoscales; no row means its formation's fixed count.
CREATE TABLE autoscale_settings (
  app_id             bigint PRIMARY KEY REFERENCES apps (id) ON DELETE CASCADE,
  min_instances      int NOT NULL CHECK (min_instances >= 0),
  max_instances      int NOT NULL CHECK (max_instances >= 1 AND max_instances >= min_instances),
  idle_seconds       int NOT NULL CHECK (idle_seconds >= 1),
  target_concurrency int NOT NULL CHECK (target_concurrency >= 1),
  updated_at         timestamptz NOT NULL DEFAULT now()
);

-- autoscale_states: what the autoscaler decided (the runtime leader's Autoscaler): how many web
-- instances run now and whether the app sleeps. reason says why a wake failed.
CREATE TABLE autoscale_states (
  app_id     bigint PRIMARY KEY REFERENCES apps (id) ON DELETE CASCADE,
  replicas   int NOT NULL CHECK (replicas >= 0),
  state      text NOT NULL CHECK (state IN ('awake', 'asleep', 'waking', 'wake_failed')),
  reason     text,
  changed_at timestamptz NOT NULL DEFAULT now()
);

-- app_load: one sample per router replica and app (the routers' LoadReporter), summed by the
-- autoscaler. waiting counts requests a router holds for a sleeping app; wake_requested_at is the
-- wake request itself (sent with NOTIFY wakes).
CREATE TABLE app_load (
  app_id            bigint NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
  router_id         text NOT NULL,
  in_flight         int NOT NULL CHECK (in_flight >= 0),
  open_streams      int NOT NULL CHECK (open_streams >= 0),
  waiting           int NOT NULL CHECK (waiting >= 0),
  last_request_at   timestamptz,
  wake_requested_at timestamptz,
  sampled_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (app_id, router_id)
);
