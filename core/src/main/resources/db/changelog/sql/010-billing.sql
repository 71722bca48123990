--liquibase formatted sql

--changeset nextmcp:010-billing
-- A team's standing with Stripe. No row: the team never started a checkout and is on the free plan.
-- plan is the paid plan its subscription's price maps to; it is read back from Stripe on every
-- subscription event, so events arriving out of order cannot leave a stale plan behind.
CREATE TABLE team_billing (
  team_id             bigint PRIMARY KEY REFERENCES teams (id) ON DELETE CASCADE,
  stripe_customer_id  text NOT NULL UNIQUE,
  subscription_id     text,
  subscription_status text,
  plan                text,
  current_period_end  timestamptz,
  -- The first unpaid invoice since the last paid one; the grace period runs from here.
  payment_failed_at   timestamptz,
  updated_at          timestamptz NOT NULL DEFAULT now()
);

-- Each Stripe event id once: the insert before processing makes a replayed delivery a no-op.
CREATE TABLE stripe_events (
  id           text PRIMARY KEY,
  type         text NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz,
  error        text
);

-- Metered usage per team. source_key says what a record counts (a build, or one sampling interval
-- of a team's instances), so a record is written once whichever replica samples. batch is the
-- Stripe meter event it went out in: set once, in the transaction that claims the record.
CREATE TABLE usage_records (
  id          bigserial PRIMARY KEY,
  team_id     bigint NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN ('instance_seconds', 'build_seconds')),
  quantity    bigint NOT NULL CHECK (quantity >= 0),
  source_key  text NOT NULL UNIQUE,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  batch       text,
  reported_at timestamptz
);
CREATE INDEX usage_records_unreported ON usage_records (team_id, kind) WHERE reported_at IS NULL;
CREATE INDEX usage_records_team_time ON usage_records (team_id, recorded_at);
