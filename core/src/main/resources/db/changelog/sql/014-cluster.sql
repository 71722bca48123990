--liquibase formatted sql

--changeset nextmcp:014-cluster
-- The image a build produced, by digest (<repository>@sha256:<hex>): what a cluster runtime runs for
-- every release made from this build's artifact (rollbacks and config changes keep the build id).
ALTER TABLE builds ADD COLUMN image text;
