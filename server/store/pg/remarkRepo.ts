/** Candidates' remarks on PostgreSQL: every write durable; a replaced remark moves to the end, as in remarks.json. */
import type { Remark } from '../../../shared/domain.ts';
import type { RemarkRepo } from '../repositories.ts';
import type { PgTable } from './table.ts';

export class PgRemarkRepo implements RemarkRepo {
  constructor(private readonly t: PgTable<Remark>) {}
  all(): readonly Remark[] { return this.t.all(); }
  get(id: string): Remark | undefined { return this.t.get(id); }
  ofReview(reviewId: string): Remark[] { return this.all().filter((r) => r.reviewId === reviewId); }
  find(reviewId: string, questionId: string): Remark | undefined {
    return this.all().find((r) => r.reviewId === reviewId && r.questionId === questionId);
  }
  put(remark: Remark): Promise<void> {
    this.t.set(remark.id, remark, true);
    return this.t.write([{ id: remark.id, how: 'upsert', value: remark }]);
  }
  async remove(id: string): Promise<Remark | undefined> {
    const gone = this.get(id);
    if (!gone) return undefined;
    this.t.drop(id);
    await this.t.write([{ id, how: 'delete' }]);
    return gone;
  }
  async removeWhere(pred: (r: Remark) => boolean): Promise<Remark[]> {
    const gone = this.all().filter(pred);
    for (const r of gone) this.t.drop(r.id);
    await this.t.write(gone.map((r) => ({ id: r.id, how: 'delete' })));
    return gone;
  }
}
