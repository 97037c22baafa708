/**
 * The file store's review records, kept in the review journal (`reviewJournal.ts`) beside the sessions: every write
 * durable, one journal line per write.
 */
import type { ReviewRecord } from '../../shared/reviewRecord.ts';
import type { ReviewRecordRepo } from './repositories.ts';
import type { ReviewJournal } from './reviewJournal.ts';

export class JournalReviewRecordRepo implements ReviewRecordRepo {
  constructor(private readonly journal: ReviewJournal) {}
  all(): readonly ReviewRecord[] { return this.journal.state.allRecords(); }
  get(id: string): ReviewRecord | undefined { return this.journal.state.records.get(id); }
  ofSittings(sittingIds: ReadonlySet<string>): ReviewRecord[] { return this.all().filter((r) => sittingIds.has(r.sittingId)); }
  put(record: ReviewRecord): Promise<void> {
    return this.putAll([record]);
  }
  putAll(records: readonly ReviewRecord[]): Promise<void> {
    if (!records.length) return Promise.resolve();
    return this.journal.commit({ op: 'rec', r: [...records] });
  }
  /** The records removed are gone from every file once it resolves (a purge: the journal is compacted). */
  async removeWhere(pred: (r: ReviewRecord) => boolean): Promise<ReviewRecord[]> {
    const gone = this.all().filter(pred);
    if (!gone.length) return gone;
    await this.journal.commit({ op: 'recdel', ids: gone.map((r) => r.id) });
    await this.journal.compact();
    return gone;
  }
}
