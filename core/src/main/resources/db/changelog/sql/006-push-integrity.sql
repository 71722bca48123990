--liquibase formatted sql

--changeset nextmcp:006-push-integrity
-- The quarantine directory of the push that waits for this build: the pushed objects are there
-- until the push is accepted, so the builder reads it as an alternate object directory. NULL for
-- builds no push waits for. A build with a quarantine is only deployed while its push still holds
-- the app's push lock (see PushLockKey): a push that is gone cannot move the branch any more.
ALTER TABLE builds ADD COLUMN push_quarantine text;
