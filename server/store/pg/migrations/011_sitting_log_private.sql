-- Issue 18: a purge leaves no trace in PostgreSQL either. content_sitting_log named the sittings each version removed
-- (for the other processes to drop them), so a purged sitting's id stayed there for up to a hundred versions. From
-- here a version that removes sittings names none of them: `removes` tells the other processes to drop the sittings
-- no longer stored (by the ids still stored), and the earlier versions' lists forget a removed id at once
-- (server/store/pg/contentStore.ts).
ALTER TABLE content_sitting_log ADD COLUMN removes boolean NOT NULL DEFAULT false;
-- What the log holds from before may name removed sittings: forgotten, so the other processes reload those versions whole.
UPDATE content_sitting_log SET ids = NULL;
