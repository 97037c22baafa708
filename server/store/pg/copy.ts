/**
 * `inzage migrate`: a data directory copied into PostgreSQL (docs/design.md: PostgreSQL store), through the
 * repository interfaces — what one store reads, the other writes — so that each part on PostgreSQL is copied by the
 * code that serves it. Only into a database that holds no Inzage data yet; on a failure what was copied is removed
 * again (the target then is as empty as it was); afterwards the database is read afresh and its counts compared.
 */
import { promises as fs, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sitting } from '../../../shared/domain.ts';
import type { ImportedExam } from '../../../shared/schema.ts';
import { AuditLog, auditFileLines, verifyAuditFiles } from '../audit.ts';
import { AuditKeys } from '../auditKeys.ts';
import type { Store } from '../index.ts';
import { SECRET_FILE, derivedKey } from '../secret.ts';
import { PgAuditKeys } from './auditKeys.ts';
import { PgAuditLog } from './auditLog.ts';
import { LOCAL_PARTS, openPgRepos, type LocalPart, type PgRepos, type PgRepoStore } from './index.ts';
import { SECRET_KEY } from './settings.ts';

/** What is copied per repository on PostgreSQL, and how many of each. */
export type RepoCounts = Record<keyof PgRepos, number>;

const REPOS: (keyof PgRepos)[] = ['staff', 'rooms', 'kiosks', 'reviews', 'remarks', 'reviewRecords', 'loginSessions'];

export function repoCounts(s: PgRepos): RepoCounts {
  return {
    staff: s.staff.all().length,
    rooms: s.rooms.all().length,
    kiosks: s.kiosks.all().length,
    reviews: s.reviews.all().length,
    remarks: s.remarks.all().length,
    reviewRecords: s.reviewRecords.all().length,
    loginSessions: s.loginSessions.entries().length,
  };
}

/** A part of the store that the target holds elsewhere than the source: copied from one to the other; the number copied. */
type PartCopy = (from: Store, to: Store) => Promise<number>;

/**
 * PLUG (migrate): how each part that pg/index.ts still takes from the local directory (LOCAL_PARTS) is copied once it
 * is on PostgreSQL. A part no longer local without a copy here is refused before anything is written.
 *   content:   the content store's import of another ContentRepo (exam versions, sittings with responses as stored)
 *   audit:     PgAuditLog's import of the file log, every line with its seq and hashes unchanged, e.g.
 *              `(from, to) => (to.audit as PgAuditLog).importFrom(from.audit)`
 *   auditKeys: PgAuditKeys' import of the file's keys (the sealed details of the copied log must stay readable)
 */
export const PART_COPIES: Record<LocalPart, PartCopy | undefined> = {
  content: copyContent,
  media: copyMedia,
  // the keys before the log whose sealed details they open
  auditKeys: copyAuditKeys,
  audit: copyAuditLog,
};

/**
 * Exams (with every earlier version a sitting was taken with), candidates, groups and sittings with their responses,
 * applied as one change (all or nothing) with the times their candidate data was imported; then the review settings
 * changed in the console and the retention dates.
 * An earlier version is imported before the current one, so that the current one ends up current and the earlier
 * ones are kept as versions (their sittings use them).
 */
async function copyContent(from: Store, to: Store): Promise<number> {
  const c = from.content;
  await c.ready();
  const summaries = c.sittingSummaries();
  const exams: ImportedExam[] = [];
  for (const e of c.exams()) {
    const { version, importedReview, legacyVersion: _legacy, review, retainUntil: _until, dataImportedAt: _imported, ...rest } = e;
    const fileReview = importedReview ?? review;
    const older = new Set(summaries.filter((x) => x.examId === e.id && x.examVersion && x.examVersion !== version).map((x) => x.examVersion!));
    for (const v of older) {
      const at = c.examOfSitting({ examId: e.id, examVersion: v });
      if (at) exams.push({ ...rest, questions: at.questions, review: fileReview });
    }
    exams.push({ ...rest, review: fileReview });
  }
  const groups = c.groups();
  const sittings: Sitting[] = [];
  for (const g of groups) {
    for (const x of await c.sittingsWithResponses(g.id)) sittings.push(x.examVersion ? x : { ...x, examVersion: c.sittingSummary(x.id)?.examVersion });
  }
  // the import times as the source has them (absent in a data directory no newer build has started on: the first start
  // on PostgreSQL stamps those, as the file store's first start would have)
  const importTimes = c.exams().flatMap((e) => (e.dataImportedAt ? [{ examId: e.id, at: e.dataImportedAt }] : []));
  await to.content.apply({ exams, candidates: c.candidates(), groups, sittings, importTimes });
  for (const e of c.exams()) {
    if (e.importedReview && JSON.stringify(e.importedReview) !== JSON.stringify(e.review)) await to.content.setExamReview(e.id, e.review);
    if (e.retainUntil) await to.content.setExamRetention(e.id, e.retainUntil);
  }
  const want = c.counts();
  const got = to.content.counts();
  const wrong = (Object.keys(want) as (keyof typeof want)[]).filter((k) => want[k] !== got[k]);
  if (wrong.length) throw new CopyCheckError(`after the copy the database holds ${wrong.map((k) => `${got[k]} ${k} instead of ${want[k]}`).join(', ')}`);
  return sittings.length;
}

/** The keys that seal the audit log's candidate details, with their ids (the copied log's sealed details stay readable). */
async function copyAuditKeys(from: Store, to: Store): Promise<number> {
  if (!(from.auditKeys instanceof AuditKeys) || !(to.auditKeys instanceof PgAuditKeys)) throw new Error('audit keys are copied from a data directory into PostgreSQL only');
  return to.auditKeys.importKeys(from.auditKeys.entries());
}

/**
 * The audit log, every line with its number and hashes unchanged. A problem of the file log's head (a cut tail,
 * which no line records yet) is recorded after the copied lines as `audit.chain-broken`, as the file server's next
 * start would have: the evidence is kept, never laundered by the copy.
 */
async function copyAuditLog(from: Store, to: Store): Promise<number> {
  if (!(from.audit instanceof AuditLog) || !(to.audit instanceof PgAuditLog)) throw new Error('the audit log is copied from a data directory into PostgreSQL only');
  await from.audit.flush();
  const secret = readSecretFile(from.dir) ?? process.env.INZAGE_SECRET;
  const verdict = verifyAuditFiles(from.audit.file, secret ? derivedKey(secret, 'audit-head') : undefined);
  const lines = auditFileLines(from.audit.file);
  await to.audit.importLines(lines, verdict.problem ? { chainBroken: verdict.problem.reason } : {});
  return lines.length;
}

/** Pictures, content-addressed: each file written to the target's media store (which keeps what it already has). */
async function copyMedia(from: Store, to: Store): Promise<number> {
  let n = 0;
  for (const name of from.media.list()) {
    const path = await from.media.path(name);
    if (!path) continue;
    const { held } = await to.media.write(new Map([[name, await fs.readFile(path)]]));
    to.media.release(held);
    n++;
  }
  return n;
}

/**
 * Tables that hold bookkeeping, not Inzage data: the migrations, the settings (the secret), and the content store's
 * version per kind (one row per kind, made by its migration).
 */
const BOOKKEEPING = ['schema_migrations', 'settings', 'content_versions'];

/** The rows of Inzage data in the schema, per table (the bookkeeping tables not counted). */
export async function dataRows(target: PgRepoStore): Promise<Record<string, number>> {
  const { rows: tables } = await target.db.pool.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND NOT (table_name = ANY($1))
      ORDER BY table_name`,
    [BOOKKEEPING],
  );
  const out: Record<string, number> = {};
  for (const { name } of tables) {
    const { rows } = await target.db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`);
    if (Number(rows[0]?.n) > 0) out[name] = Number(rows[0]!.n);
  }
  return out;
}

/**
 * Every row of Inzage data removed, in one transaction (the target as empty as it was before a failed copy). The
 * audit log refuses a TRUNCATE by trigger (it is append-only); the copy that failed is the one writer that may
 * remove what it wrote, so the trigger is set aside for this one statement, inside the transaction.
 */
async function emptyTarget(target: PgRepoStore, settingsBefore: Map<string, string>): Promise<void> {
  const { rows: tables } = await target.db.pool.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT IN ('schema_migrations', 'content_versions')`,
  );
  await target.db.tx(async (c) => {
    const names = tables.map((t) => `"${t.name.replace(/"/g, '""')}"`);
    const audit = tables.some((t) => t.name === 'audit_log');
    if (audit) await c.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_truncate');
    if (names.length) await c.query(`TRUNCATE ${names.join(', ')}`);
    if (audit) await c.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_truncate');
    for (const [key, value] of settingsBefore) await c.query('INSERT INTO settings (key, value) VALUES ($1, $2)', [key, value]);
  });
}

export class TargetNotEmptyError extends Error {
  constructor(readonly rows: Record<string, number>) {
    super(`it already holds Inzage data (${Object.entries(rows).map(([t, n]) => `${t}: ${n}`).join(', ')})`);
    this.name = 'TargetNotEmptyError';
  }
}

export class CopyCheckError extends Error {}

export interface MigrateResult {
  schema: string;
  copied: RepoCounts;
  activeReviews: number;
  /** the data directory's secret was taken over (else the database made its own, or INZAGE_SECRET is used) */
  secretCopied: boolean;
  /** parts copied from the local directory into PostgreSQL, and how many of each */
  parts: Partial<Record<LocalPart, number>>;
  /** parts that stay in the data directory (not on PostgreSQL in this build) */
  local: readonly LocalPart[];
  auditEvents: number;
}

export interface MigrateSteps {
  /** open the whole target store (after the checks and the secret are done) */
  openTarget(): Promise<Store & { close(): Promise<void> }>;
  /** progress, one line each */
  say?(line: string): void;
}

/**
 * Copy `source` (a file store, its data directory locked by the caller) into the empty database at `url`.
 * Throws TargetNotEmptyError (nothing written), CopyCheckError (counts differ; the copy removed again), or the error
 * of the step that failed (the copy removed again).
 */
export async function migrateInto(source: Store, url: string, opts: { schema?: string; steps: MigrateSteps }): Promise<MigrateResult> {
  const missing = (Object.keys(PART_COPIES) as LocalPart[]).filter((p) => !LOCAL_PARTS.includes(p) && !PART_COPIES[p]);
  if (missing.length) throw new Error(`this build cannot copy ${missing.join(', ')} into PostgreSQL yet (server/store/pg/copy.ts, PART_COPIES)`);
  const fileSecret = readSecretFile(source.dir);
  // 1. the target as it is: migrated, checked empty, the secret of the data directory taken over
  const probe = await openPgRepos(url, { schema: opts.schema, initialSecret: fileSecret });
  let settingsBefore: Map<string, string>;
  try {
    const found = await dataRows(probe);
    if (Object.keys(found).length) throw new TargetNotEmptyError(found);
    settingsBefore = new Map((await probe.db.pool.query<{ key: string; value: string }>('SELECT key, value FROM settings')).rows.map((r) => [r.key, r.value]));
    // signs the copied login sessions' cookies and keys the audit log's anchor: the database's must be the directory's
    // (it holds no data yet, so nothing depends on one it made before)
    if (fileSecret && settingsBefore.get(SECRET_KEY) !== fileSecret) {
      await probe.db.pool.query('UPDATE settings SET value = $2 WHERE key = $1', [SECRET_KEY, fileSecret]);
    }
  } finally {
    await probe.close();
  }
  // 2. the copy, through the repositories
  let result: MigrateResult;
  const target = await opts.steps.openTarget();
  try {
    result = await copyInto(source, target, opts.steps.say ?? (() => undefined));
    result.secretCopied = !!fileSecret && !process.env.INZAGE_SECRET;
  } catch (e) {
    await target.close().catch(() => undefined);
    try {
      await undo(url, opts.schema, settingsBefore);
    } catch (u) {
      throw new Error(`${(e as Error).message}; removing the partial copy failed too (${(u as Error).message}): empty the database before trying again`, { cause: e });
    }
    throw e;
  }
  await target.close();
  // 3. read afresh from the database and compared
  const check = await openPgRepos(url, { schema: opts.schema });
  try {
    const found = repoCounts(check);
    const wrong = REPOS.filter((r) => found[r] !== result.copied[r]);
    if (wrong.length) {
      await emptyTarget(check, settingsBefore);
      throw new CopyCheckError(`after the copy the database holds ${wrong.map((r) => `${found[r]} ${r} instead of ${result.copied[r]}`).join(', ')}; the copy was removed again`);
    }
    result.schema = check.schema;
  } finally {
    await check.close();
  }
  return result;
}

async function undo(url: string, schema: string | undefined, settingsBefore: Map<string, string>): Promise<void> {
  const t = await openPgRepos(url, { schema });
  try {
    await emptyTarget(t, settingsBefore);
  } finally {
    await t.close();
  }
}

async function copyInto(from: Store, to: Store, say: (line: string) => void): Promise<MigrateResult> {
  say('Copying staff accounts, rooms and kiosks …');
  for (const u of from.staff.all()) await to.staff.add(u);
  for (const r of from.rooms.all()) await to.rooms.add(r);
  for (const k of from.kiosks.all()) await to.kiosks.add(k);
  say('Copying reviews, remarks and review records …');
  for (const s of from.reviews.all()) await to.reviews.add(s);
  for (const r of from.remarks.all()) await to.remarks.put(r);
  await to.reviewRecords.putAll(from.reviewRecords.all());
  say('Copying login sessions …');
  await to.loginSessions.replaceAll(Object.fromEntries(from.loginSessions.entries()));
  const parts: Partial<Record<LocalPart, number>> = {};
  for (const part of Object.keys(PART_COPIES) as LocalPart[]) {
    if (LOCAL_PARTS.includes(part)) continue;
    say(`Copying ${part} …`);
    parts[part] = await PART_COPIES[part]!(from, to);
  }
  await to.flush();
  const copied = repoCounts(from as PgRepos);
  return {
    schema: '',
    copied,
    activeReviews: from.reviews.active().length,
    secretCopied: false,
    parts,
    local: LOCAL_PARTS,
    auditEvents: (await from.audit.verify()).count,
  };
}

function readSecretFile(dir: string): string | undefined {
  const file = join(dir, SECRET_FILE);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() || undefined : undefined;
}
