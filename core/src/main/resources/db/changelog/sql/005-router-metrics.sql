--liquibase formatted sql

--changeset nextmcp:005-router-metrics
-- Per-minute traffic summaries written by the router(s); read by GET /api/v1/apps/{app}/metrics
-- and `nextmcp metrics`. instance_id '' is the whole app. Several routers add into the same row;
-- the latency percentiles are bucket upper bounds (ms), and the larger one wins when rows merge.
CREATE TABLE app_metrics_minutely (
  app_id          bigint NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
  minute          timestamptz NOT NULL,
  instance_id     text NOT NULL DEFAULT '',
  requests        bigint NOT NULL DEFAULT 0,
  status_1xx      bigint NOT NULL DEFAULT 0,
  status_2xx      bigint NOT NULL DEFAULT 0,
  status_3xx      bigint NOT NULL DEFAULT 0,
  status_4xx      bigint NOT NULL DEFAULT 0,
  status_5xx      bigint NOT NULL DEFAULT 0,
  bytes_in        bigint NOT NULL DEFAULT 0,
  bytes_out       bigint NOT NULL DEFAULT 0,
  open_streams    int NOT NULL DEFAULT 0,
  latency_ms_sum  double precision NOT NULL DEFAULT 0,
  latency_ms_p50  double precision NOT NULL DEFAULT 0,
  latency_ms_p99  double precision NOT NULL DEFAULT 0,
  PRIMARY KEY (app_id, minute, instance_id)
);

-- MCP calls per method and tool name (tool '' when the method is not tools/call).
CREATE TABLE mcp_metrics_minutely (
  app_id          bigint NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
  minute          timestamptz NOT NULL,
  method          text NOT NULL,
  tool            text NOT NULL DEFAULT '',
  calls           bigint NOT NULL DEFAULT 0,
  errors          bigint NOT NULL DEFAULT 0,
  latency_ms_sum  double precision NOT NULL DEFAULT 0,
  latency_ms_p50  double precision NOT NULL DEFAULT 0,
  latency_ms_p99  double precision NOT NULL DEFAULT 0,
  PRIMARY KEY (app_id, minute, method, tool)
);
