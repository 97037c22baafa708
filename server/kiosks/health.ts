/**
 * Kiosk health (docs/design.md: Kiosk health): each kiosk's last `kiosk:health` report, in memory only (nothing a
 * kiosk sends changes stored data, except its audit lines), and the leave-the-page alerts. During a review, a
 * report that loses fullscreen, the focus or visibility — each of which the previous report had — raises a
 * `kiosk:alert` on the consoles and is audited as `kiosk.left-page` through audit bursts (a flapping kiosk costs
 * one line per kind and a count per window); once all three are back, `kiosk:back` clears the alert.
 * Outside a review: no alert, no audit.
 *
 * With several processes (server/cluster/kioskState.ts) each change is shared (`shareWith`) and the others' changes
 * applied (`apply`), so that every process lists every kiosk's health and every open alert.
 */
import type { ReviewSession } from '../../shared/domain.ts';
import type { KioskAlertDto, KioskHealth, KioskHealthDto, LeftPageKind } from '../../shared/protocol.ts';
import type { AuditBursts } from '../audit/bursts.ts';
import type { Clock } from '../clock.ts';
import type { ConsoleLink } from '../review/links.ts';

/** What each kind of leaving means in a report: the state that was lost. */
const HELD: Record<LeftPageKind, (h: KioskHealth) => boolean> = {
  fullscreen: (h) => h.fullscreen,
  focus: (h) => h.focused,
  hidden: (h) => h.visible,
};
const KINDS = Object.keys(HELD) as LeftPageKind[];

/** The audit bursts of a review's leave-the-page lines (closed when the review ends, before its end line). */
export const leftPageBurst = (reviewId: string) => `left:${reviewId}`;

export interface HealthContext {
  kioskName: string;
  /** the kiosk's active review, and its candidate's name; undefined: none */
  review: { session: ReviewSession; candidateName: string } | undefined;
}

/** A kiosk's health as shared between processes: its last report and its open alert. */
export interface SharedHealth {
  report: KioskHealthDto | null;
  alert: { reviewId: string; left: LeftPageKind[]; latest: KioskAlertDto | null } | null;
}

/** Several processes: told of each change of this process (server/cluster/kioskState.ts). */
export interface HealthShare {
  changed(kioskId: string): void;
  forgot(kioskId: string): void;
}

export class KioskHealthBook {
  private last = new Map<string, KioskHealthDto>();
  /** per kiosk: the review with an open alert, what it left, and its latest `kiosk:alert` */
  private alerts = new Map<string, { reviewId: string; left: Set<LeftPageKind>; latest?: KioskAlertDto }>();
  private share: HealthShare | null = null;

  constructor(private readonly consoles: ConsoleLink, private readonly bursts: AuditBursts, private readonly clock: Clock) {}

  shareWith(share: HealthShare): void {
    this.share = share;
  }

  /** A kiosk's report and open alert, to share. */
  state(kioskId: string): SharedHealth {
    const a = this.alerts.get(kioskId);
    return { report: this.last.get(kioskId) ?? null, alert: a ? { reviewId: a.reviewId, left: [...a.left], latest: a.latest ?? null } : null };
  }

  /** Another process's view of a kiosk (its socket is there); the consoles' lists go out when what they show changed. */
  apply(kioskId: string, state: SharedHealth): void {
    const before = JSON.stringify(this.last.get(kioskId) ?? null);
    if (state.report) this.last.set(kioskId, state.report);
    else this.last.delete(kioskId);
    if (state.alert) this.alerts.set(kioskId, { reviewId: state.alert.reviewId, left: new Set(state.alert.left), ...(state.alert.latest ? { latest: state.alert.latest } : {}) });
    else this.alerts.delete(kioskId);
    if (JSON.stringify(state.report) !== before) this.consoles.kiosksChanged();
  }

  of(kioskId: string): KioskHealthDto | null {
    return this.last.get(kioskId) ?? null;
  }

  /** The alerts still open, of reviews still active (`isActive`), for a console that connects now. */
  openAlerts(isActive: (reviewId: string) => boolean): KioskAlertDto[] {
    return [...this.alerts.values()].flatMap((a) => (a.latest && isActive(a.reviewId) ? [a.latest] : []));
  }

  /** A kiosk was unpaired: forget it. */
  forget(kioskId: string): void {
    this.last.delete(kioskId);
    this.alerts.delete(kioskId);
    this.share?.forgot(kioskId);
  }

  /** A validated report from a paired kiosk. Resolves once the first audit line of a burst is on disk. */
  async report(kioskId: string, health: KioskHealth, ctx: HealthContext): Promise<void> {
    const audited = this.take(kioskId, health, ctx);
    this.share?.changed(kioskId);
    await Promise.all(audited);
  }

  /** The report kept, the alert raised or ended; the audit lines under way. */
  private take(kioskId: string, health: KioskHealth, ctx: HealthContext): Promise<unknown>[] {
    const at = new Date(this.clock.now()).toISOString();
    const before = this.last.get(kioskId);
    this.last.set(kioskId, { ...health, at });
    // the lists go out when what they show changed, not for every report (a kiosk may send many)
    if (!before || JSON.stringify({ ...before, at }) !== JSON.stringify({ ...health, at })) this.consoles.kiosksChanged([kioskId]);

    const open = this.alerts.get(kioskId);
    const review = ctx.review;
    if (open && open.reviewId !== review?.session.id) this.alerts.delete(kioskId); // that review is over
    if (!review) return [];
    const reviewId = review.session.id;
    const left = KINDS.filter((k) => !HELD[k](health) && before !== undefined && HELD[k](before));
    const alert = this.alerts.get(kioskId);
    if (alert) {
      for (const k of KINDS) if (HELD[k](health)) alert.left.delete(k);
      if (alert.left.size === 0 && left.length === 0) {
        this.alerts.delete(kioskId);
        this.consoles.back({ kioskId, reviewId, at });
        return [];
      }
    }
    if (left.length === 0) return [];
    const current = this.alerts.get(kioskId) ?? { reviewId, left: new Set<LeftPageKind>() };
    this.alerts.set(kioskId, current);
    const audited: Promise<unknown>[] = [];
    for (const what of left) {
      current.left.add(what);
      current.latest = { kioskId, kioskName: ctx.kioskName, reviewId, candidateName: review.candidateName, what, at };
      this.consoles.alert(current.latest);
      const event = { actor: `kiosk:${ctx.kioskName}`, action: 'kiosk.left-page', target: reviewId } as const;
      audited.push(this.bursts.note(leftPageBurst(reviewId), what, { what }, { ...event, details: { kioskId, what } }, { ...event, details: { kioskId } }));
    }
    return audited;
  }
}
