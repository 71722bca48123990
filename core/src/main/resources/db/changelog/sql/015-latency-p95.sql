--liquibase formatted sql

--changeset nextmcp:015-latency-p95
-- p95 per minute beside p50 and p99 (a bucket upper bound in ms, like them; the larger wins when
-- several routers' rows merge). Minutes written before this change read 0.
ALTER TABLE app_metrics_minutely ADD COLUMN latency_ms_p95 double precision NOT NULL DEFAULT 0;
ALTER TABLE mcp_metrics_minutely ADD COLUMN latency_ms_p95 double precision NOT NULL DEFAULT 0;
