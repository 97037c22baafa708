-- Issue 18: the audit log and its keys (docs/design.md: PostgreSQL store, "Audit log and keys";
-- server/store/pg/auditLog.ts, auditKeys.ts).
--
-- audit_log: one row per event. `line` is the exact JSON line the file log writes (`audit.jsonl`), kept as text,
-- not jsonb: the chain hashes the line as written (`prev` is the SHA-256 of the whole line before), so a log copied
-- from files verifies unchanged and a row reads back byte for byte. The columns queries need are generated from it.
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY CHECK (seq > 0),
  line text NOT NULL,
  at text GENERATED ALWAYS AS ((line::jsonb)->>'at') STORED,
  actor text GENERATED ALWAYS AS ((line::jsonb)->>'actor') STORED,
  action text GENERATED ALWAYS AS ((line::jsonb)->>'action') STORED,
  target text GENERATED ALWAYS AS ((line::jsonb)->>'target') STORED
);
-- a review's trail (its report), the console's filters by action and by actor: newest first within each
CREATE INDEX audit_log_target ON audit_log (target, seq);
CREATE INDEX audit_log_action ON audit_log (action, seq);
CREATE INDEX audit_log_actor ON audit_log (actor, seq);

-- Append-only: a row is never changed or removed by Inzage (a purge shreds keys, not lines). This stops a mistake,
-- not an owner of the table (who can disable the trigger): against that the chain and the keyed head stand.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- The head (the file log's `audit.head`): the last event's number and its line's SHA-256 under an HMAC keyed from
-- the secret (`mac` null: not anchored, no key). One row, written in the same transaction as the rows it names.
-- Appends are serialised by a transaction-level advisory lock, not by this row, so a deleted head cannot let two
-- appends in at once.
CREATE TABLE audit_head (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  seq bigint NOT NULL,
  hash text NOT NULL,
  mac text
);

-- A key per reviewed sitting (`scope`), sealing the audit details that identify its candidate; a purge deletes
-- them (crypto-shredding). Two processes may each make a key for the same new sitting at once: both are kept
-- (a line names its key by `kid`), and a shred removes every key of the scope.
CREATE TABLE audit_keys (
  kid text PRIMARY KEY,
  scope text NOT NULL,
  key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_keys_scope ON audit_keys (scope);
