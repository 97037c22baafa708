/** The file store's review records (`review-records.json`): every write durable, each change replacing the array. */
import type { ReviewRecord } from '../../shared/reviewRecord.ts';
import type { Doc } from './doc.ts';
import type { ReviewRecordRepo } from './repositories.ts';

export interface ReviewRecordsData { records: ReviewRecord[] }

export class DocReviewRecordRepo implements ReviewRecordRepo {
  constructor(private readonly doc: Doc<ReviewRecordsData>) {}
  all(): readonly ReviewRecord[] { return this.doc.data.records; }
  get(id: string): ReviewRecord | undefined { return this.doc.data.records.find((r) => r.id === id); }
  ofSittings(sittingIds: ReadonlySet<string>): ReviewRecord[] { return this.doc.data.records.filter((r) => sittingIds.has(r.sittingId)); }
  put(record: ReviewRecord): Promise<void> {
    return this.putAll([record]);
  }
  putAll(records: readonly ReviewRecord[]): Promise<void> {
    if (!records.length) return Promise.resolve();
    const ids = new Set(records.map((r) => r.id));
    this.doc.data.records = [...this.doc.data.records.filter((r) => !ids.has(r.id)), ...records];
    return this.doc.write();
  }
  async removeWhere(pred: (r: ReviewRecord) => boolean): Promise<ReviewRecord[]> {
    const gone = this.doc.data.records.filter(pred);
    if (!gone.length) return gone;
    this.doc.data.records = this.doc.data.records.filter((r) => !pred(r));
    await this.doc.write();
    return gone;
  }
}
