/** How the review engine reaches kiosks and consoles: implemented by the two Socket.IO namespaces, given to the engine when it is built. */
import type { EndReason } from '../../shared/domain.ts';
import type { KioskAlertDto, KioskBackDto, ReviewEndedDto, ReviewPayload, ReviewProgress } from '../../shared/protocol.ts';

/** How the engine reaches kiosks (the /kiosk namespace: kiosks/channel.ts). */
export interface KioskLink {
  isOnline(kioskId: string): boolean;
  /** Several processes: since when the kiosk has had no socket on any (its grace counts from there); null: unknown. */
  offlineSince?(kioskId: string): number | null;
  /** Push `review:started` and wait for the kiosk's acknowledgement. */
  startReview(kioskId: string, payload: ReviewPayload, timeoutMs: number): Promise<boolean>;
  warn(kioskId: string, endsAt: string): void;
  ended(kioskId: string, reason: EndReason): void;
}

/** How the engine reaches every console (the /admin namespace: realtime/consoles.ts). */
export interface ConsoleLink {
  reviewsChanged(): void;
  /** the kiosk list changed: these kiosks' rows only, or (no ids) anything in it */
  kiosksChanged(ids?: readonly string[]): void;
  progress(p: ReviewProgress): void;
  ended(p: ReviewEndedDto): void;
  warning(p: { id: string; endsAt: string }): void;
  /** a kiosk in review left fullscreen, lost the focus or was hidden (`kiosk:alert`), and when it is back (`kiosk:back`) */
  alert(p: KioskAlertDto): void;
  back(p: KioskBackDto): void;
}

