/**
 * The review-session state machine (docs/design.md: The review): the one place that writes sessions. HTTP routes and socket
 * handlers call it; it persists every transition before pushing it, audits it, and tells kiosk and consoles.
 *
 *   (none) ──start: policy ok, kiosk online & free, sitting & candidate free──► active ──any end──► ended(reason)
 *                                                 kiosk away: grace timer; back in time → resume at `position`
 */
import { randomUUID } from 'node:crypto';
import type { EndReason, Exam, ReviewSession, StaffUser } from '../../shared/domain.ts';
import { CVTE_REFERRAL, DomainError, type Ack, type ErrorCode, apiError } from '../../shared/errors.ts';
import { NavigatePayload, RevealPayload, type RevealData, type ReviewDto, type ReviewPayload } from '../../shared/protocol.ts';
import { limitMs } from '../../shared/reveal.ts';
import { reviewStatus } from '../../shared/rules.ts';
import type { Clock, Timer } from '../clock.ts';
import type { ServerConfig } from '../config.ts';
import type { Store } from '../store/index.ts';
import type { AuditBursts } from '../audit/bursts.ts';
import type { ConsoleLink, KioskLink } from './links.ts';
import { leftPageBurst } from '../kiosks/health.ts';
import type { MediaGrants } from '../media/grants.ts';
import { withMediaQuery } from '../media/refs.ts';
import { sortName } from '../../shared/names.ts';
import { buildPayload, candidateName, kioskRemark, revealOf, reviewDto, scoresOf, sortedQuestions } from './payload.ts';
import { recordOf, withOpened, withViewed } from './records.ts';
import { refusal, refusalError } from '../../shared/refusals.ts';

const fail = (code: ErrorCode, message?: string): Ack<never> => ({ ok: false, error: apiError(code, message) });

/** A review's start and end wait for their audit line, not for the log's anchor after it (issue 17; store/audit.ts). */
const ANCHOR_LATER = { anchorLater: true } as const;

/** A review that ended while its kiosk was away is reported to the kiosk when it is back within this time. */
export const MISSED_END_MS = 10 * 60_000;

export class ReviewEngine {
  private timers = new Map<string, Timer[]>();
  /** per kiosk away during a review: its grace timer and when that ends (epoch ms, for `ReviewDto.offlineEndsAt`) */
  private graceTimers = new Map<string, Timer & { endsAt: number }>();
  /** per exam version (the catalog's object): whether its questions show stored media */
  private examUsesMedia = new WeakMap<Exam, boolean>();
  /** set by shutdown(): no timers any more */
  private stopped = false;
  private payloads = new Map<string, ReviewPayload>();
  /** per review: the candidate's score per question, for the reveal policy's scope (the payload may hide scores) */
  private scores = new Map<string, Map<string, number>>();
  /** the running reviews not yet given back to their kiosks since {@link backToKiosks} was asked (a restart) */
  private notBack = new Set<string>();
  private allBack: (() => void) | null = null;
  /**
   * per kiosk: its last review, if that ended while the kiosk was not connected (it never got `review:ended`); shared
   * by every process when there are several (server/cluster/)
   */
  private readonly missedEnds: Pick<Map<string, { id: string; reason: EndReason; at: number }>, 'get' | 'set' | 'delete'>;
  /** whether this process runs the timers: always with one process; the lease holder's with several (server/cluster/) */
  private armed: boolean;
  private readonly sharedSync: (() => Promise<void>) | undefined;
  private readonly kiosks: KioskLink;
  private readonly consoles: ConsoleLink;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly config: Pick<ServerConfig, 'graceMs' | 'warnBeforeMs' | 'startAckTimeoutMs' | 'keepEndedReviews'>,
    private readonly bursts: AuditBursts,
    links: { kiosks: KioskLink; consoles: ConsoleLink },
    /** signs the media URLs in what a kiosk gets (docs/design.md: Media) */
    private readonly grants: MediaGrants,
    /** several processes: the shared missed ends, and no timers until {@link boot} (this process took the lease) */
    shared?: {
      missedEnds: Pick<Map<string, { id: string; reason: EndReason; at: number }>, 'get' | 'set' | 'delete'>;
      /** resolves once the shared state other processes committed before the call is in memory (missed ends, presence) */
      sync(): Promise<void>;
    },
  ) {
    this.kiosks = links.kiosks;
    this.consoles = links.consoles;
    this.missedEnds = shared?.missedEnds ?? new Map();
    this.sharedSync = shared?.sync;
    this.armed = !shared;
  }

  // ---------- reading ----------

  active(): ReviewSession[] {
    return this.store.reviews.active();
  }

  get(id: string): ReviewSession | undefined {
    return this.store.reviews.get(id);
  }

  activeForKiosk(kioskId: string): ReviewSession | undefined {
    return this.active().find((r) => r.kioskId === kioskId);
  }

  activeForSitting(sittingId: string): ReviewSession | undefined {
    return this.active().find((r) => r.sittingId === sittingId);
  }

  dto(s: ReviewSession): ReviewDto {
    const content = this.store.content;
    const summary = content.sittingSummary(s.sittingId);
    const exam = summary ? content.examOfSitting(summary) : undefined;
    const number = summary?.candidateNumber ?? '';
    const kiosk = this.store.kiosks.get(s.kioskId);
    const user = this.store.staff.byId(s.approvedById);
    const candidate = content.candidate(number);
    return reviewDto(s, {
      kioskName: kiosk?.name ?? '',
      kioskOnline: this.kiosks.isOnline(s.kioskId),
      graceEndsAt: this.graceTimers.get(s.kioskId)?.endsAt ?? this.sharedGraceEnd(s.kioskId),
      candidateNumber: number,
      candidateName: candidateName(candidate, number),
      candidateSortName: candidate ? sortName(candidate) : number,
      examTitle: exam?.title ?? '',
      questionIds: exam ? sortedQuestions(exam).map((q) => q.id) : [],
      approverUsername: user?.username ?? '',
      approverName: user?.displayName ?? '',
      remarkCount: this.store.remarks.ofReview(s.id).length,
    });
  }

  dtos(): ReviewDto[] {
    return this.active().map((s) => this.dto(s));
  }

  // ---------- start ----------

  /** 'Start inzage': every check of the review's start (docs/design.md: The review) in order, each refused with its own code. */
  async start(input: { sittingId: string; kioskId: string }, user: StaffUser): Promise<ReviewDto> {
    const content = this.store.content;
    // the checks need only the sitting's summary (everything but its responses); its line is read beside the
    // journal's write below, not before it (issue 17: each trip through the thread pool waits for a core under load)
    const summary = content.sittingSummary(input.sittingId);
    if (!summary) throw refusal('not-found', 'no-such-sitting');
    // the questions of the version this sitting was taken with, also after a re-import changed the exam
    const exam = content.examOfSitting(summary);
    if (!exam) throw refusal('not-found', 'no-exam-of-sitting');

    // From here on nothing awaits until the session is reserved, so two starts cannot both pass the checks.
    this.checkPolicy(exam);
    const kiosk = this.store.kiosks.get(input.kioskId);
    if (!kiosk) throw refusal('not-found', 'kiosk-gone');
    if (!this.kiosks.isOnline(kiosk.id)) throw new DomainError('kiosk-offline');
    if (this.activeForKiosk(kiosk.id)) throw new DomainError('kiosk-busy');
    if (this.activeForSitting(summary.id)) throw new DomainError('sitting-busy');
    // sessions carry their candidate since the PostgreSQL phase; those of earlier files are looked up
    const candidateBusy = this.active().some((r) => (r.candidateNumber ?? content.sittingSummary(r.sittingId)?.candidateNumber) === summary.candidateNumber);
    if (candidateBusy) throw new DomainError('candidate-busy');

    const now = this.clock.now();
    const questions = sortedQuestions(exam);
    const candidate = content.candidate(summary.candidateNumber);
    const session: ReviewSession = {
      id: randomUUID(),
      sittingId: summary.id,
      kioskId: kiosk.id,
      candidateNumber: summary.candidateNumber,
      approvedById: user.id,
      startedAt: new Date(now).toISOString(),
      // a candidate's extra time extends the limit (and so its warning, which follows from the end)
      endsAt: new Date(now + limitMs(exam.review.maxMinutes, candidate?.accommodations?.extraTimePercent)).toISOString(),
      position: questions[0]?.id ?? '',
      // the first question is on screen from the start (kept in the same write: the start gets no extra write)
      viewed: questions[0] ? [questions[0].id] : [],
    };
    const added = this.store.reviews.add(session); // in memory at once: the next start's checks see it
    // the sitting's audit key is written beside the reservation too, so that the audit line after it waits for no
    // second write (issue 17); a key that could not be written is made again by that line, which waits for it then
    const keyed = this.store.auditKeys.prepare(summary.id);
    const [read, stored] = await Promise.allSettled([content.sitting(summary.id), added, keyed]);
    // a store shared by several processes may refuse it (another started one on this kiosk, sitting or candidate
    // meanwhile: 'kiosk-busy' …), and a write may fail (a full disk): the store has taken it back then, and no start
    // is audited (the journal line first, then the audit line: docs/design.md, The review journal)
    if (stored.status === 'rejected') throw stored.reason;
    const sitting = read.status === 'fulfilled' ? read.value : undefined;
    if (!sitting) {
      // its responses could not be read (a shard damaged or gone since the index was read): no review, and nothing
      // audited; the reservation is taken back out of the journal
      await this.withdrawStart(session.id);
      throw read.status === 'rejected' ? read.reason : refusal('not-found', 'no-such-sitting');
    }
    const live = this.get(session.id);
    // ended while its sitting was read (a purge of it, its kiosk's grace run out): not shown, not audited as started
    if (!live || live.endedAt) throw refusal('kiosk-offline', 'kiosk-did-not-confirm');
    const payload = this.withGrants(session, exam, buildPayload(session, exam, sitting, candidate));
    this.payloads.set(session.id, payload);
    this.scores.set(session.id, scoresOf(exam, sitting));
    // One process: its audit line is written while the kiosk is shown the review, and the start is answered once
    // both are done (issue 17: one synchronised write less on the start's path). Appended before the push, so that
    // the line comes before anything the kiosk does in the review; a crash before it is durable is made good at the
    // restart (`nameUnauditedStarts`). Several processes: written before the push, as a restart of one process does
    // not look at the others' reviews (docs/design.md: Why the journal and the audit log stay two files).
    const audited = this.store.audit.append({
      actor: user.username, action: 'review.started', target: session.id, details: { kioskId: kiosk.id, examId: exam.id },
      // who was reviewed: sealed with the sitting's key, which a purge of the sitting destroys
      personal: { scope: sitting.id, fields: { sittingId: sitting.id, candidateNumber: sitting.candidateNumber } },
    }, ANCHOR_LATER);
    if (this.store.changes) {
      try {
        await audited;
      } catch (e) {
        await this.abandonStart(session.id, false); // not shown: nothing to tell the kiosk
        throw e;
      }
    }
    this.scheduleLimit(session);
    this.consoles.reviewsChanged();
    this.consoles.kiosksChanged([kiosk.id]);

    const [line, acked] = await Promise.allSettled([audited, this.kiosks.startReview(kiosk.id, payload, this.config.startAckTimeoutMs)]);
    if (line.status === 'rejected') {
      // a review the audit log does not name does not run: ended again, on the kiosk too
      await this.abandonStart(session.id, true);
      throw line.reason;
    }
    if (acked.status === 'rejected' || !acked.value) {
      await this.finish(session.id, 'kiosk-disconnected', 'system', { startFailed: true });
      throw refusal('kiosk-offline', 'kiosk-did-not-confirm');
    }
    return this.dto(this.get(session.id) ?? session);
  }

  /** A start reserved but not audited, whose sitting could not be read: removed from the store again, unaudited. */
  private async withdrawStart(id: string): Promise<void> {
    await this.store.reviews.removeWhere((s) => s.id === id).catch((e: unknown) => {
      console.error(`inzage: review ${id}: its sitting could not be read, nor its reservation removed from the store:`, e);
    });
  }

  /**
   * A start whose audit line could not be written (a full disk): ended again as far as the disk allows, as a start
   * the kiosk never confirmed is, so that no session stays active that no audit line names. Its kiosk may have been
   * shown it meanwhile (one process: the line is written during the push): it is told the review ended, also when
   * the end could not be written either.
   */
  private async abandonStart(id: string, shown: boolean): Promise<void> {
    const s = this.get(id);
    await this.finish(id, 'kiosk-disconnected', 'system', { startFailed: true }).catch((e: unknown) => {
      console.error(`inzage: review ${id}: its start could not be audited, nor its end fully written (it is ended in memory):`, e);
      if (!s || !shown) return;
      this.kiosks.ended(s.kioskId, 'kiosk-disconnected');
      this.consoles.reviewsChanged();
      this.consoles.kiosksChanged([s.kioskId]);
    });
  }

  /** Rule 1 (docs/design.md: What it is), plus opened; an expired central exam refers to the CvTE. */
  checkPolicy(exam: Exam): void {
    const status = reviewStatus(exam.review, this.clock.now());
    if (status === 'not-allowed') throw new DomainError('review-not-allowed');
    if (status === 'not-open') throw new DomainError('review-not-open');
    if (status === 'expired') throw new DomainError('review-expired', exam.central ? CVTE_REFERRAL : undefined);
  }

  // ---------- end ----------

  /** End an active session for any reason; false when it was not active. */
  async finish(id: string, reason: EndReason, actor: string, details: Record<string, unknown> = {}, endedBy?: string): Promise<boolean> {
    // a limit or grace timer of a restarted server may fire while it still reads the content (docs/design.md: Start-up)
    if (!this.store.content.isReady) await this.store.content.ready();
    const s = this.get(id);
    if (!s || s.endedAt) return false;
    const now = this.clock.now();
    const ended: ReviewSession = { ...s, endedAt: new Date(now).toISOString(), endedBy: endedBy ?? actor, endReason: reason };
    const stored = this.store.reviews.end(ended, this.config.keepEndedReviews);
    // a kiosk that is away misses `review:ended`: its next `kiosk:state` says how the review ended
    if (this.kiosks.isOnline(s.kioskId)) this.missedEnds.delete(s.kioskId);
    else this.missedEnds.set(s.kioskId, { id, reason, at: now });
    this.cancelTimers(id);
    const dto = this.dto(ended);
    this.payloads.delete(id);
    this.scores.delete(id);
    if (this.store.changes) {
      // several processes: a review ends once in the installation (the database decides); the process that lost the
      // race (a supervisor's end against the time limit on another) audits and pushes nothing
      try {
        await stored;
      } catch (e) {
        if (e instanceof DomainError && e.code === 'not-found') return false;
        throw e;
      }
    }
    // appended first: the counts of its repeated looks and remarks come before its end
    const summarised = Promise.all([this.bursts.close(`reveal:${id}`), this.bursts.close(`remark:${id}`), this.bursts.close(leftPageBurst(id))]);
    // several processes: the bursts are shared, and their summary is appended once it is taken from the database
    if (this.bursts.closesLater) await summarised;
    const [, , endLine] = await Promise.all([
      summarised,
      stored,
      this.store.audit.append({ actor, action: 'review.ended', target: id, details: { reason, ...details } }, ANCHOR_LATER),
    ]);
    // the review's record, kept with its sitting (reviews.json keeps only the newest ended sessions); after its end
    // line, whose place in the chain it names. A start the kiosk never acknowledged was no review: no record.
    const summary = this.store.content.sittingSummary(s.sittingId);
    if (summary && !details.startFailed) await this.store.reviewRecords.put(recordOf(ended, summary, dto, endLine.seq));
    this.kiosks.ended(s.kioskId, reason);
    this.consoles.ended({ id, reason, kioskId: s.kioskId, candidateName: dto.candidateName, examTitle: dto.examTitle, endedAt: ended.endedAt! });
    this.consoles.reviewsChanged();
    this.consoles.kiosksChanged([s.kioskId]);
    return true;
  }

  /** End every active session that matches. */
  async finishWhere(pred: (s: ReviewSession) => boolean, reason: EndReason, actor: string): Promise<number> {
    const ids = this.active().filter(pred).map((s) => s.id);
    for (const id of ids) await this.finish(id, reason, actor);
    return ids.length;
  }

  /** The supervisor ends a session from the console. */
  async endBySupervisor(id: string, user: StaffUser): Promise<void> {
    const s = this.get(id);
    if (!s || s.endedAt) throw refusal('not-found', 'review-not-running');
    if (!(await this.finish(id, 'ended-by-supervisor', user.username, {}, user.id))) throw refusal('not-found', 'review-not-running');
  }

  // ---------- kiosk commands ----------

  async navigate(kioskId: string, raw: unknown): Promise<Ack> {
    const p = NavigatePayload.safeParse(raw);
    if (!p.success) return fail('invalid-input');
    const s = this.activeForKiosk(kioskId);
    if (!s) return fail('no-review');
    const exam = this.examOf(s);
    if (!exam?.questions.some((q) => q.id === p.data.questionId)) return ({ ok: false, error: refusalError('not-found', 'question-not-in-review') });
    if (s.position !== p.data.questionId) {
      const moved = { ...withViewed(s, p.data.questionId), position: p.data.questionId };
      this.store.reviews.moveSoon(moved); // hot path: coalesced
      const dto = this.dto(moved);
      this.consoles.progress({ id: s.id, position: moved.position, questionNumber: dto.questionNumber, questionCount: dto.questionCount });
    }
    return { ok: true };
  }

  async reveal(kioskId: string, raw: unknown, kioskName: string): Promise<Ack<RevealData>> {
    const p = RevealPayload.safeParse(raw);
    if (!p.success) return fail('invalid-input');
    const s = this.activeForKiosk(kioskId);
    if (!s) return fail('no-review');
    const exam = this.examOf(s);
    const q = exam?.questions.find((x) => x.id === p.data.questionId);
    if (!exam || !q) return ({ ok: false, error: refusalError('not-found', 'question-not-in-review') });
    const score = (await this.scoresOfSession(s))?.get(q.id) ?? 0;
    const data = revealOf(q, exam, score);
    if (!data) {
      const anywhere = revealOf(q, exam, -1); // what it would show where points were lost
      return ({ ok: false, error: refusalError('forbidden', anywhere ? 'shown-only-where-points-lost' : q.type === 'item' ? 'key-and-scheme-not-shown' : q.type === 'open' ? 'scheme-not-shown' : 'key-not-shown') });
    }
    // each look is recorded: the first of a question in a burst durably before it is shown, repeats counted
    const what = 'scheme' in data && !('parts' in data && data.parts.length) ? 'scheme' : 'key';
    const event = { actor: `kiosk:${kioskName}`, action: 'review.revealed', target: s.id } as const;
    await this.bursts.note(`reveal:${s.id}`, `${q.id}:${what}`, { questionId: q.id, what }, { ...event, details: { questionId: q.id, what } }, event);
    // for the review's record: kept with the position (coalesced); the audit line above is the durable proof
    const now = this.get(s.id);
    const opened = now && !now.endedAt ? withOpened(now, q.id, what) : undefined;
    if (opened) this.store.reviews.moveSoon(opened);
    return { ok: true, data: this.withGrants(s, exam, data) };
  }

  /**
   * For the supervisor's mirror (realtime/mirror.ts): the review as its kiosk got it (the reveal policy applied), and
   * a question's key or scheme as `review:reveal` answers the kiosk — null where the policy withholds it. Neither is
   * audited here: the mirror's opening is.
   */
  kioskPayload(s: ReviewSession): Promise<ReviewPayload | null> {
    return this.payloadOf(s);
  }

  async revealFor(s: ReviewSession, questionId: string): Promise<RevealData | null> {
    const exam = this.examOf(s);
    const q = exam?.questions.find((x) => x.id === questionId);
    if (!exam || !q) return null;
    const data = revealOf(q, exam, (await this.scoresOfSession(s))?.get(q.id) ?? 0);
    return data && this.withGrants(s, exam, data);
  }

  async logoutFromKiosk(kioskId: string, kioskName: string): Promise<Ack> {
    const s = this.activeForKiosk(kioskId);
    if (!s) return fail('no-review');
    await this.finish(s.id, 'candidate-logged-out', `kiosk:${kioskName}`);
    return { ok: true };
  }

  // ---------- kiosk presence ----------

  /** A kiosk (re)connected: cancel its grace timer and give it its review back, at its question. */
  async kioskConnected(kioskId: string): Promise<ReviewPayload | null> {
    this.cancelGrace(kioskId);
    // several processes: a review another process ended (or started) while the kiosk was away is known here first
    if (this.store.changes || this.sharedSync) await Promise.all([this.store.changes?.sync(), this.sharedSync?.()]);
    const s = this.activeForKiosk(kioskId);
    if (!s) return null;
    const payload = await this.payloadOf(s);
    this.consoles.reviewsChanged();
    return payload;
  }

  /**
   * The kiosk's last review, if it ended within {@link MISSED_END_MS} while the kiosk was not connected, so
   * that the kiosk can still tell the candidate why it ended (docs/design.md: The review) instead of silently going idle.
   */
  missedEnd(kioskId: string): { id: string; reason: EndReason } | null {
    const m = this.missedEnds.get(kioskId);
    if (!m || this.clock.now() - m.at > MISSED_END_MS) return null;
    return { id: m.id, reason: m.reason };
  }

  /**
   * The time-limit warning of a session, once it is due (docs/design.md: The review): `at` when it was (or, if the
   * server was down then, would have been) sent, `endsAt` the end it warns of. A kiosk that (re)connects after it
   * gets it in `kiosk:state`, since it missed the `review:warning` push.
   */
  warningOf(s: ReviewSession): { at: string; endsAt: string } | null {
    const at = this.warnAt(s);
    if (s.endedAt || this.clock.now() < at) return null;
    return { at: new Date(at).toISOString(), endsAt: s.endsAt };
  }

  /**
   * When a session's warning is due: {@link ServerConfig.warnBeforeMs} before its end; a review that is not longer
   * than that (a short `maxMinutes`) is warned halfway, so that it still gets a warning.
   */
  warnAt(s: Pick<ReviewSession, 'startedAt' | 'endsAt'>): number {
    const start = Date.parse(s.startedAt);
    const end = Date.parse(s.endsAt);
    const length = end - start;
    return length > this.config.warnBeforeMs ? end - this.config.warnBeforeMs : start + Math.floor(length / 2);
  }

  /** The kiosk is back (on any process): its grace timer, if any, is cancelled. */
  cancelGrace(kioskId: string): void {
    this.graceTimers.get(kioskId)?.cancel();
    this.graceTimers.delete(kioskId);
  }

  /**
   * The kiosk's last socket went away: keep its session for the grace period — counted, with several processes, from
   * when it had no socket on any of them (a process taking over the timers gives it only what is left).
   */
  kioskDisconnected(kioskId: string): void {
    const s = this.activeForKiosk(kioskId);
    // with several processes the kiosk may still be connected to another one
    if (s && !this.stopped && this.armed && !this.graceTimers.has(kioskId) && !this.kiosks.isOnline(kioskId)) {
      const since = this.kiosks.offlineSince?.(kioskId) ?? this.clock.now();
      const endsAt = since + this.config.graceMs;
      const timer = this.clock.after(endsAt - this.clock.now(), () => {
        this.graceTimers.delete(kioskId);
        if (this.kiosks.isOnline(kioskId)) return;
        const still = this.activeForKiosk(kioskId);
        if (still) this.finish(still.id, 'kiosk-disconnected', 'system').catch((e) => console.error('inzage: ending a session failed:', e));
      });
      this.graceTimers.set(kioskId, { cancel: () => timer.cancel(), endsAt });
    }
    // after the timer is set: the consoles learn when the review ends unless the kiosk is back
    this.consoles.reviewsChanged();
  }

  // ---------- boot and shutdown ----------

  /**
   * After a restart (or, with several processes, on taking over the timers): sessions resume; each kiosk gets the grace
   * period to come back, limits are re-armed.
   */
  boot(): void {
    if (this.stopped) return;
    this.armed = true;
    for (const s of this.active()) {
      if (this.timers.has(s.id)) continue;
      this.scheduleLimit(s);
      if (!this.kiosks.isOnline(s.kioskId)) this.kioskDisconnected(s.kioskId);
    }
  }

  /**
   * After a restart of one process: a review's start line is written while its kiosk is shown the review (`start`),
   * so a crash in that moment (under a millisecond) can leave a session in the journal that the audit log does not
   * name, and the restart gives it back. Each such start is audited now, by `system`, marked `recovered` with the
   * time it began; the sessions are those running when the server came up (`boot`), not the starts since.
   */
  async nameUnauditedStarts(sessions: readonly ReviewSession[]): Promise<number> {
    if (sessions.length === 0) return 0;
    const since = Math.min(...sessions.map((s) => Date.parse(s.startedAt)));
    const named = await this.store.audit.named('review.started', sessions.map((s) => s.id), since);
    const missing = sessions.filter((s) => !named.has(s.id));
    if (missing.length === 0) return 0;
    const content = this.store.content;
    if (!content.isReady) await content.ready();
    for (const s of missing) {
      const summary = content.sittingSummary(s.sittingId);
      await this.store.audit.append({
        actor: 'system', action: 'review.started', target: s.id,
        details: { kioskId: s.kioskId, examId: summary?.examId ?? '', startedAt: s.startedAt, recovered: true },
        personal: { scope: s.sittingId, fields: { sittingId: s.sittingId, candidateNumber: s.candidateNumber ?? summary?.candidateNumber ?? '' } },
      });
    }
    return missing.length;
  }

  /**
   * Several processes: another process's change of a session reached this one. The lease holder arms the timers of a
   * review started elsewhere; a review ended elsewhere loses its timers (its warning must not go out any more).
   */
  sessionChanged(id: string): void {
    const s = this.get(id);
    if (!s || s.endedAt) {
      this.cancelTimers(id);
      this.payloads.delete(id);
      this.scores.delete(id);
    } else if (!this.timers.has(id)) {
      this.scheduleLimit(s);
    }
  }

  /** Several processes: another one took over the timers (this one lost its lease): none fire here. */
  standby(): void {
    this.armed = false;
    for (const id of [...this.timers.keys()]) this.cancelTimers(id);
    for (const t of this.graceTimers.values()) t.cancel();
    this.graceTimers.clear();
  }

  /** With several processes, a kiosk away in a review on a process that does not run the timers still shows when its grace ends. */
  private sharedGraceEnd(kioskId: string): number | null {
    const since = this.kiosks.offlineSince?.(kioskId);
    return since === undefined || since === null ? null : since + this.config.graceMs;
  }

  /**
   * The server is stopping: no timer fires from here on, and none is set — closing the sockets disconnects every
   * kiosk, which must not start grace periods that would end reviews in a store that is being closed.
   */
  shutdown(): void {
    this.stopped = true;
    for (const id of [...this.timers.keys()]) this.cancelTimers(id);
    for (const t of this.graceTimers.values()) t.cancel();
    this.graceTimers.clear();
  }

  // ---------- internals ----------

  /** What a kiosk gets, each media URL in it carrying this review's grant for that file. */
  /**
   * The kiosk's copy with each media reference signed for this review. Most exams show no stored media: for those the
   * value is sent as it is, not copied (the start is a hot path); whether an exam does is looked up once per version.
   */
  private withGrants<T>(s: ReviewSession, exam: Exam, value: T): T {
    let uses = this.examUsesMedia.get(exam);
    if (uses === undefined) this.examUsesMedia.set(exam, (uses = JSON.stringify(exam.questions).includes('/api/media/')));
    return uses ? withMediaQuery(value, (name) => this.grants.grant(s.id, name)) : value;
  }

  /** The exam of a session's sitting, at the version the sitting was taken with. */
  examOf(s: ReviewSession): Exam | undefined {
    const summary = this.store.content.sittingSummary(s.sittingId);
    return summary ? this.store.content.examOfSitting(summary) : undefined;
  }

  /**
   * Settles once every review running now whose time is not up has been given back to its kiosk (its payload built:
   * `kiosk:state` with it follows), or has ended: a restarted server reads the rest of its content after that
   * (docs/design.md: Start-up). A review whose time ran out while the server was down is not waited for: it ends
   * once the content is read.
   */
  backToKiosks(): Promise<void> {
    const now = this.clock.now();
    for (const s of this.active()) if (Date.parse(s.endsAt) > now && !this.payloads.has(s.id)) this.notBack.add(s.id);
    if (this.notBack.size === 0) return Promise.resolve();
    return new Promise<void>((res) => {
      this.allBack = () => { this.allBack = null; res(); };
    });
  }

  private gaveBack(id: string) {
    if (this.notBack.delete(id) && this.notBack.size === 0) this.allBack?.();
  }

  private async payloadOf(s: ReviewSession): Promise<ReviewPayload | null> {
    let payload = this.payloads.get(s.id);
    if (!payload) {
      const content = this.store.content;
      // a restarted server: the sitting found before the whole content is read (docs/design.md: Start-up); not for a
      // review whose time ran out meanwhile: it ends once the content is read, and is not shown again until then
      const due = Date.parse(s.endsAt) <= this.clock.now();
      const early = content.isReady || due ? undefined : await content.forResume?.(s.sittingId);
      const sitting = early?.sitting ?? await content.sitting(s.sittingId);
      const exam = early?.exam ?? (sitting && content.examOfSitting(sitting));
      if (!exam || !sitting) return null;
      payload = this.withGrants(s, exam, buildPayload(s, exam, sitting, early ? early.candidate : content.candidate(sitting.candidateNumber)));
      this.payloads.set(s.id, payload);
      this.scores.set(s.id, scoresOf(exam, sitting));
    }
    this.gaveBack(s.id);
    // the candidate's remarks so far: a kiosk that reloads shows them again
    return { ...payload, position: s.position, remarks: this.store.remarks.ofReview(s.id).map(kioskRemark) };
  }

  private async scoresOfSession(s: ReviewSession): Promise<Map<string, number> | undefined> {
    if (!this.scores.has(s.id)) await this.payloadOf(s);
    return this.scores.get(s.id);
  }

  private scheduleLimit(s: ReviewSession) {
    if (this.stopped || !this.armed) return;
    const now = this.clock.now();
    const endsAt = Date.parse(s.endsAt);
    const timers: Timer[] = [];
    const warnAt = this.warnAt(s);
    // a warning already due (a restart after it) is not pushed late: kiosks get it with `kiosk:state`
    if (warnAt > now) {
      timers.push(this.clock.after(warnAt - now, () => {
        this.kiosks.warn(s.kioskId, s.endsAt);
        this.consoles.warning({ id: s.id, endsAt: s.endsAt });
      }));
    }
    timers.push(this.clock.after(endsAt - now, () => {
      this.finish(s.id, 'time-limit', 'system').catch((e) => console.error('inzage: ending a session failed:', e));
    }));
    this.timers.set(s.id, timers);
  }

  private cancelTimers(id: string) {
    for (const t of this.timers.get(id) ?? []) t.cancel();
    this.timers.delete(id);
  }
}

