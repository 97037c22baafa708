import { LitElement, css, html, type PropertyValues } from 'lit';
import { KioskConnection } from '../data/connection.ts';
import { applyLang, applyZoom } from '../display.ts';
import type { LangEvent, NavigateEvent, RemarkEvent, RevealEvent, ZoomEvent } from '../events.ts';
import { initialLang, texts, type Lang } from '../i18n.ts';
import './ended.ts';
import './idle.ts';
import './pairing.ts';
import './status.ts';

/** How long after a failed load of the review's renderers the page reloads (a new build removed that chunk). */
const RELOAD_AFTER_MS = 3_000;
let reviewScreen: Promise<unknown> | null = null;

/**
 * The review's renderers (review-screen.ts, a chunk of its own), loaded once. Should that fail — a rebuilt server
 * no longer has the chunk this page names — the page loads again: the server gives a review back on reconnect.
 */
export function loadReviewScreen(): Promise<unknown> {
  reviewScreen ??= import('./review-screen.ts').catch((e: unknown) => {
    setTimeout(() => location.reload(), RELOAD_AFTER_MS);
    throw e;
  });
  return reviewScreen;
}

/** After the first screen is painted, when the page is idle: the review's renderers are there before a review is. */
function loadReviewScreenSoon(): void {
  const later = (fn: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(fn, { timeout: 1_000 }) : setTimeout(fn, 200));
  requestAnimationFrame(() => later(() => void loadReviewScreen().catch(() => undefined)));
}

/**
 * The kiosk application: owns the connection controller (and with it the socket), renders the screen its
 * state asks for — pairing, idle, review, ended, or a connection status; the display settings (`ksk-toolbar`)
 * only in the review, where the candidate reads — and turns the components'
 * events into commands. Language and text size live here, in memory only (never in storage): they last
 * while the same review does, across reconnects, and return to the defaults (Dutch, unless the station's
 * URL says `?lang=en`; 100 %) once that review is over.
 *
 * Listens for `ksk-navigate`, `ksk-reveal`, `ksk-remark`, `ksk-logout`, `ksk-lang` and `ksk-zoom` from its screens.
 */
export class KskApp extends LitElement {
  static override properties = { language: { state: true }, zoom: { state: true } };
  static override styles = css`
    :host {
      display: block;
      min-height: 100vh;
    }
  `;

  language: Lang = initialLang();
  zoom = 1;
  private readonly conn = new KioskConnection(this);
  /** the review the candidate's language and text size belong to */
  private displayOwner: string | null = null;

  constructor() {
    super();
    this.addEventListener('ksk-navigate', (e: NavigateEvent) => this.conn.navigate(e.questionId));
    this.addEventListener('ksk-reveal', (e: RevealEvent) => void this.conn.toggleReveal(e.questionId));
    this.addEventListener('ksk-remark', (e: RemarkEvent) => void this.conn.saveRemark(e.questionId, e.kind, e.text));
    this.addEventListener('ksk-logout', () => void this.conn.logout());
    this.addEventListener('ksk-lang', (e: LangEvent) => (this.language = e.lang));
    this.addEventListener('ksk-zoom', (e: ZoomEvent) => (this.zoom = e.zoom));
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const owner = this.conn.reviewId;
    if (owner !== this.displayOwner) {
      // a review is over (or another began): the next candidate starts from the defaults
      // (set here, they join this update's changed properties)
      if (this.displayOwner !== null) {
        this.language = initialLang();
        this.zoom = 1;
      }
      this.displayOwner = owner;
    }
    if (changed.has('language')) applyLang(this.language);
    if (changed.has('zoom')) applyZoom(this.zoom);
  }

  override render() {
    const { connection, kiosk, screen } = this.conn.state;
    const t = texts(this.language);
    // while the connection is down nothing but the notice is rendered: the review must not stay readable
    // (the end screen holds no candidate data and stays, so the candidate learns why the review ended)
    if (connection === 'offline' && screen.name !== 'ended') {
      const message = this.conn.state.refusal === 'seb-required' ? t('sebRequired') : t('disconnected');
      return html`<ksk-status alert .message=${message}></ksk-status>`;
    }
    switch (screen.name) {
      case 'pairing':
        return html`<ksk-pairing .code=${screen.code} .expiresAt=${screen.expiresAt} .sebRefused=${this.conn.state.refusal === 'seb-required'}
          .language=${this.language}></ksk-pairing>`;
      case 'idle':
        return html`<ksk-idle .stationName=${kiosk?.name ?? ''} .language=${this.language}></ksk-idle>`;
      case 'ended':
        return html`<ksk-ended .reason=${screen.reason} .language=${this.language}></ksk-ended>`;
      case 'review':
        void loadReviewScreen().catch(() => undefined); // normally there already (loadReviewScreenSoon)
        // the display settings belong to the candidate's review: only there, beside the navigator
        if (connection === 'online') {
          return html`<ksk-review .view=${screen} .language=${this.language}>
            <ksk-toolbar slot="tools" .language=${this.language} .zoom=${this.zoom}></ksk-toolbar>
          </ksk-review>`;
        }
        return html`<ksk-status .message=${t('connecting')}></ksk-status>`;
      case 'connecting':
        return html`<ksk-status .message=${t('connecting')}></ksk-status>`;
    }
  }

  override firstUpdated(): void {
    // the page's boot line, or the idle screen it came with (server/http/kioskPage.ts): drawn by the app from here
    this.replaceChildren();
  }

  private reviewScreenAsked = false;

  override updated(): void {
    // once the first screen that the server decided is up (not 'Verbinden…'): nothing competes with it
    if (!this.reviewScreenAsked && this.conn.state.connection === 'online' && this.conn.state.screen.name !== 'connecting') {
      this.reviewScreenAsked = true;
      loadReviewScreenSoon();
    }
  }

  /**
   * Resolves once the whole screen, the review's questions included, is rendered (a review is acknowledged only
   * then): with its renderers loaded first, should the review have come before them.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    if (this.renderRoot.querySelector('ksk-review')) {
      await loadReviewScreen().catch(() => undefined);
      done = await super.getUpdateComplete();
    }
    await this.renderRoot.querySelector('ksk-review')?.updateComplete;
    return done;
  }
}

customElements.define('ksk-app', KskApp);

declare global {
  interface HTMLElementTagNameMap {
    'ksk-app': KskApp;
  }
}
