/**
 * The kiosk components' typed custom events. Components fire them; the root element turns them into
 * commands on the connection controller, so no component touches the socket.
 */
import type { RemarkKind } from '../../shared/domain.ts';
import type { Lang } from './i18n.ts';

const OPTS = { bubbles: true, composed: true } as const;

/** The candidate chose another question (navigator, 'Vorige'/'Volgende', arrow keys). */
export class NavigateEvent extends Event {
  static readonly type = 'ksk-navigate';
  constructor(readonly questionId: string) {
    super(NavigateEvent.type, OPTS);
  }
}

/** 'Antwoordsleutel' / 'Correctievoorschrift' pressed. */
export class RevealEvent extends Event {
  static readonly type = 'ksk-reveal';
  constructor(readonly questionId: string) {
    super(RevealEvent.type, OPTS);
  }
}

/** 'Opmerking opslaan' pressed: the candidate's remark on a question (an empty text withdraws it). */
export class RemarkEvent extends Event {
  static readonly type = 'ksk-remark';
  constructor(readonly questionId: string, readonly kind: RemarkKind, readonly text: string) {
    super(RemarkEvent.type, OPTS);
  }
}

/** 'Uitloggen' pressed. */
export class LogoutEvent extends Event {
  static readonly type = 'ksk-logout';
  constructor() {
    super(LogoutEvent.type, OPTS);
  }
}

/** The language toggle. */
export class LangEvent extends Event {
  static readonly type = 'ksk-lang';
  constructor(readonly lang: Lang) {
    super(LangEvent.type, OPTS);
  }
}

/** 'Kleiner' / 'Groter': the new zoom factor. */
export class ZoomEvent extends Event {
  static readonly type = 'ksk-zoom';
  constructor(readonly zoom: number) {
    super(ZoomEvent.type, OPTS);
  }
}

declare global {
  interface HTMLElementEventMap {
    'ksk-navigate': NavigateEvent;
    'ksk-reveal': RevealEvent;
    'ksk-remark': RemarkEvent;
    'ksk-logout': LogoutEvent;
    'ksk-lang': LangEvent;
    'ksk-zoom': ZoomEvent;
  }
}
