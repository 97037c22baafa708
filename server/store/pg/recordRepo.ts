/** The records of reviews held on PostgreSQL: every write durable; a replaced record moves to the end, as in review-records.json. */
import type { ReviewRecord } from '../../../shared/reviewRecord.ts';
import type { ReviewRecordRepo } from '../repositories.ts';
import type { PgTable } from './table.ts';

export class PgReviewRecordRepo implements ReviewRecordRepo {
  constructor(private readonly t: PgTable<ReviewRecord>) {}
  all(): readonly ReviewRecord[] { return this.t.all(); }
  get(id: string): ReviewRecord | undefined { return this.t.get(id); }
  ofSittings(sittingIds: ReadonlySet<string>): ReviewRecord[] { return this.all().filter((r) => sittingIds.has(r.sittingId)); }
  put(record: ReviewRecord): Promise<void> {
    return this.putAll([record]);
  }
  /** one transaction */
  putAll(records: readonly ReviewRecord[]): Promise<void> {
    if (!records.length) return Promise.resolve();
    for (const r of records) this.t.set(r.id, r, true);
    return this.t.write(records.map((r) => ({ id: r.id, how: 'upsert' as const, value: r })));
  }
  async removeWhere(pred: (r: ReviewRecord) => boolean): Promise<ReviewRecord[]> {
    const gone = this.all().filter(pred);
    if (!gone.length) return gone;
    for (const r of gone) this.t.drop(r.id);
    await this.t.write(gone.map((r) => ({ id: r.id, how: 'delete' as const })));
    return gone;
  }
}
