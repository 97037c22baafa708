/**
 * Review sessions on PostgreSQL. The start checks are made race-free by the database: the partial unique indexes of
 * migration 001 allow one active review per kiosk, per sitting and per candidate, whichever process adds it. A
 * refused add is taken back from memory and rejects with the refusal's code, as if the engine's own check had caught it.
 */
import type { ReviewSession } from '../../../shared/domain.ts';
import { DomainError, type ErrorCode } from '../../../shared/errors.ts';
import type { ReviewRepo } from '../repositories.ts';
import { ConditionFailed, type PgTable } from './table.ts';
import { refusal } from '../../../shared/refusals.ts';

const BUSY: Record<string, ErrorCode> = {
  reviews_active_kiosk: 'kiosk-busy',
  reviews_active_sitting: 'sitting-busy',
  reviews_active_candidate: 'candidate-busy',
};

/** The refusal a unique violation of an active-review index stands for (else the error itself). */
export function busyError(e: unknown): unknown {
  const err = e as { code?: string; constraint?: string };
  const code = err.code === '23505' && err.constraint ? BUSY[err.constraint] : undefined;
  return code ? new DomainError(code) : e;
}

export class PgReviewRepo implements ReviewRepo {
  constructor(private readonly t: PgTable<ReviewSession>) {}
  all(): readonly ReviewSession[] { return this.t.all(); }
  active(): ReviewSession[] { return this.all().filter((r) => !r.endedAt); }
  get(id: string): ReviewSession | undefined { return this.t.get(id); }
  async add(session: ReviewSession): Promise<void> {
    this.t.set(session.id, session);
    try {
      await this.t.write([{ id: session.id, how: 'insert', value: session }], undefined, () => this.t.drop(session.id));
    } catch (e) {
      throw busyError(e);
    }
  }
  /**
   * Ends a session once in the whole installation: the update applies only to a session still active in the database,
   * so that of two processes ending it at once (a time limit and a supervisor) one wins; the other's end rejects with
   * `review-not-running`, memory taken back, and it writes nothing else (server/review/engine.ts).
   */
  async end(ended: ReviewSession, keepEnded: number): Promise<void> {
    const before = this.get(ended.id);
    if (before) this.t.set(ended.id, ended);
    const done = this.all().filter((r) => r.endedAt);
    const drop = done.slice(0, Math.max(0, done.length - keepEnded)).map((r) => r.id).filter((id) => id !== ended.id);
    const dropped = drop.map((id) => [id, this.get(id)!] as const);
    for (const id of drop) this.t.drop(id);
    const undo = () => {
      if (before) this.t.set(ended.id, before);
      for (const [id, s] of dropped) if (!this.get(id)) this.t.set(id, s);
    };
    try {
      await this.write(ended, drop, keepEnded, undo);
    } catch (e) {
      if (e instanceof ConditionFailed) throw refusal('not-found', 'review-not-running');
      throw e;
    }
  }

  private write(ended: ReviewSession, drop: string[], keepEnded: number, undo: () => void): Promise<void> {
    return this.t.write(
      [{ id: ended.id, how: 'update', value: ended, where: 'ended_at IS NULL', required: true }, ...drop.map((id) => ({ id, how: 'delete' as const }))],
      {
        // the newest `keepEnded` ended ones of every process stay
        run: async (c) => (await c.query<{ id: string }>(
          `DELETE FROM reviews WHERE id IN (SELECT id FROM reviews WHERE ended_at IS NOT NULL ORDER BY seq DESC OFFSET $1) RETURNING id`,
          [Math.max(0, keepEnded)],
        )).rows.map((r) => r.id),
      },
      undo,
    );
  }
  moveSoon(session: ReviewSession): void {
    if (!this.get(session.id)) return;
    this.t.set(session.id, session);
    this.t.soon(session.id);
  }
  async removeWhere(pred: (s: ReviewSession) => boolean): Promise<ReviewSession[]> {
    const gone = this.all().filter(pred);
    for (const s of gone) this.t.drop(s.id);
    await this.t.write(gone.map((s) => ({ id: s.id, how: 'delete' })));
    return gone;
  }
}
