--liquibase formatted sql

--changeset nextmcp:008-project-metadata
-- What a NextMCP project says it is (nextmcp.config.yaml's name and description), recorded with the
-- build's artifact; apps info shows those of the live release's build. NULL for other projects.
-- The builder cuts them to one line of at most 100 / 500 characters; the checks keep it so.
ALTER TABLE builds ADD COLUMN project_name text CHECK (char_length(project_name) <= 100);
ALTER TABLE builds ADD COLUMN project_description text CHECK (char_length(project_description) <= 500);
