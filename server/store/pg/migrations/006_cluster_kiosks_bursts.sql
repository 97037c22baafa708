-- Issue 18 item 3, the rest of what was per process (server/cluster/kioskState.ts, server/cluster/bursts.ts). Times are
-- epoch milliseconds of the servers' clock (server/clock.ts).

-- A kiosk's last health report and its open leave-the-page alert, as the process holding its socket knows them, and
-- since when it is refused for want of Safe Exam Browser: every process shows them (docs/design.md: Kiosk health).
CREATE TABLE cluster_kiosk_state (
  kiosk_id text PRIMARY KEY,
  -- KioskHealthDto (shared/protocol.ts); null: no report yet
  report jsonb,
  -- { reviewId, left: LeftPageKind[], latest: KioskAlertDto | null }; null: no open alert
  alert jsonb,
  seb_refused_at bigint
);

-- Audit bursts (server/audit/bursts.ts) of every process: one row per item seen in a burst, so that the first of an
-- item anywhere is the one audited and one summary counts the repeats of all processes. `opened`: when the burst
-- began (its window counts from there); `last_at`: the item's latest repeat (null: none).
CREATE TABLE cluster_audit_bursts (
  grp text NOT NULL,
  item text NOT NULL,
  details jsonb NOT NULL,
  summary jsonb NOT NULL,
  repeats int NOT NULL DEFAULT 0,
  opened bigint NOT NULL,
  last_at bigint,
  PRIMARY KEY (grp, item)
);
CREATE INDEX cluster_audit_bursts_opened ON cluster_audit_bursts (opened);
