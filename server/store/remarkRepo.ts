/** The file store's remarks (`remarks.json`): every write durable, each change replacing the array (never mutating it). */
import type { Remark } from '../../shared/domain.ts';
import type { Doc } from './doc.ts';
import type { RemarkRepo } from './repositories.ts';

export interface RemarksData { remarks: Remark[] }

export class DocRemarkRepo implements RemarkRepo {
  constructor(private readonly doc: Doc<RemarksData>) {}
  all(): readonly Remark[] { return this.doc.data.remarks; }
  get(id: string): Remark | undefined { return this.doc.data.remarks.find((r) => r.id === id); }
  ofReview(reviewId: string): Remark[] { return this.doc.data.remarks.filter((r) => r.reviewId === reviewId); }
  find(reviewId: string, questionId: string): Remark | undefined {
    return this.doc.data.remarks.find((r) => r.reviewId === reviewId && r.questionId === questionId);
  }
  put(remark: Remark): Promise<void> {
    const rest = this.doc.data.remarks.filter((r) => r.id !== remark.id);
    this.doc.data.remarks = [...rest, remark];
    return this.doc.write();
  }
  async remove(id: string): Promise<Remark | undefined> {
    const gone = this.get(id);
    if (!gone) return undefined;
    this.doc.data.remarks = this.doc.data.remarks.filter((r) => r.id !== id);
    await this.doc.write();
    return gone;
  }
  async removeWhere(pred: (r: Remark) => boolean): Promise<Remark[]> {
    const gone = this.doc.data.remarks.filter(pred);
    if (!gone.length) return gone;
    this.doc.data.remarks = this.doc.data.remarks.filter((r) => !pred(r));
    await this.doc.write();
    return gone;
  }
}
