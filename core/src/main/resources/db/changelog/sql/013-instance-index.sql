--liquibase formatted sql

--changeset nextmcp:013-instance-index
-- The N of web.N as a column: runtimes other than the local one do not encode it in the instance id.
ALTER TABLE instances ADD COLUMN process_index int;
UPDATE instances SET process_index = COALESCE(substring(id FROM '\.(\d{1,6})(?:-|$)')::int, 1);
ALTER TABLE instances ALTER COLUMN process_index SET NOT NULL;
-- A runtime that does not number its instances (one per type) has web.1.
ALTER TABLE instances ALTER COLUMN process_index SET DEFAULT 1;
