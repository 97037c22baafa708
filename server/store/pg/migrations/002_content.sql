-- Issue 18: exam content and media (docs/design.md: PostgreSQL store, Content and media). The documents are `json`
-- (kept as written, in their key order, as the file store's lines are), not `jsonb`: they are read whole, never
-- queried inside. `seq` keeps the order of insertion, the order the file store's lists have.

-- Every exam at its current version (`StoredExam`), and the earlier versions that stored sittings were taken with.
CREATE TABLE content_exams (
  id text PRIMARY KEY,
  seq bigint NOT NULL DEFAULT nextval('inzage_seq'),
  doc json NOT NULL
);
CREATE TABLE content_exam_versions (
  exam_id text NOT NULL,
  version text NOT NULL,
  questions json NOT NULL,
  PRIMARY KEY (exam_id, version)
);

CREATE TABLE content_candidates (
  id text PRIMARY KEY,
  seq bigint NOT NULL DEFAULT nextval('inzage_seq'),
  doc json NOT NULL
);

CREATE TABLE content_groups (
  id text PRIMARY KEY,
  seq bigint NOT NULL DEFAULT nextval('inzage_seq'),
  doc json NOT NULL
);

-- A sitting: its summary (everything but the responses: loaded by every process at open) and the whole sitting
-- with its responses (read on demand, one sitting or one group).
CREATE TABLE content_sittings (
  id text PRIMARY KEY,
  seq bigint NOT NULL DEFAULT nextval('inzage_seq'),
  group_id text NOT NULL,
  summary json NOT NULL,
  doc json NOT NULL
);
CREATE INDEX content_sittings_group ON content_sittings (group_id, seq);
-- Every process reads all summaries at open, the responses one sitting or group at a time: the whole sitting goes to
-- the TOAST table (`toast_tuple_target` at its least) and the summary stays in the row (`MAIN`), so that the scan at
-- open reads the summaries (about 25 MB for 100,000 sittings), not the responses beside them (ten times that).
ALTER TABLE content_sittings SET (toast_tuple_target = 128);
ALTER TABLE content_sittings ALTER COLUMN summary SET STORAGE MAIN;

-- One version number per kind of content, raised by each change of that kind: a process reloads the kinds whose
-- number moved (on a notice, and under the content lock before it writes).
CREATE TABLE content_versions (
  kind text PRIMARY KEY,
  version bigint NOT NULL
);
INSERT INTO content_versions (kind, version) VALUES ('exams', 0), ('candidates', 0), ('groups', 0), ('sittings', 0);
-- The sittings each version of `sittings` added, changed or removed (null: too many to name), the last hundred: another
-- process reloads just those, not every summary (a purge of a few sittings is not a reload of 100,000).
CREATE TABLE content_sitting_log (
  version bigint PRIMARY KEY,
  ids text[]
);

-- Media files of exam content, content-addressed (`<sha256>.<ext>`), and the names an import holds between writing
-- them and committing the content that shows them (a sweep of any process leaves those).
CREATE TABLE media_files (
  name text PRIMARY KEY,
  bytes bytea NOT NULL,
  stored_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE media_holds (
  name text NOT NULL,
  holder text NOT NULL,
  since timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (name, holder)
);
ALTER TABLE media_files ALTER COLUMN bytes SET STORAGE EXTERNAL; -- media is compressed already: TOAST need not try
-- The documents are compressed with LZ4 where the server has it (PostgreSQL 14+ built with lz4): an insert of 2,000
-- sittings took about a third less time than with the default pglz.
DO $$
BEGIN
  -- (as strings: an older server's parser does not know the clause)
  EXECUTE 'ALTER TABLE content_sittings ALTER COLUMN doc SET COMPRESSION lz4, ALTER COLUMN summary SET COMPRESSION lz4';
  EXECUTE 'ALTER TABLE content_exam_versions ALTER COLUMN questions SET COMPRESSION lz4';
  EXECUTE 'ALTER TABLE content_exams ALTER COLUMN doc SET COMPRESSION lz4';
EXCEPTION WHEN feature_not_supported OR syntax_error OR invalid_parameter_value THEN
  NULL;
END $$;
