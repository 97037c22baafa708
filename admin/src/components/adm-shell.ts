import { LitElement, css, html, nothing } from 'lit';
import type { KioskAlertDto, KioskDto, MeDto, ReviewDto } from '../../../shared/protocol.ts';
import { listReviews } from '../data/reviews.ts';
import { LiveController } from '../data/live.ts';
import { logout, myRooms, refresh } from '../data/session.ts';
import { LangController, t, type MessageKeyWith } from '../i18n.ts';
import { RouteController, href, type AdminSection, type Route } from '../router.ts';
import { base } from '../styles.ts';
import type { DismissNoticeEvent } from './adm-active-reviews.ts';
import { dialogStyles, syncDialog } from './dialog.ts';
import './adm-active-reviews.ts';
import './adm-audit.ts';
import './adm-exams.ts';
import './adm-groups.ts';
import './adm-import.ts';
import './adm-kiosks.ts';
import './adm-lang-switch.ts';
import './adm-mirror.ts';
import './adm-my-rooms.ts';
import './adm-placeholder.ts';
import './adm-remarks.ts';
import './adm-rooms.ts';
import './adm-room-map.ts';
import type { EndReviewEvent } from './adm-room-map.ts';
import './adm-results.ts';
import './adm-sitting.ts';
import './adm-staff.ts';
import { alertRegion } from './kiosk-alerts.ts';
import type { DismissEventEvent } from './adm-toasts.ts';
import './adm-toasts.ts';
import './password-form.ts';
import { unseenCount } from '../data/desk-events.ts';

const SECTION_KEY: Record<AdminSection, MessageKeyWith> = {
  rooms: 'nav.rooms', exams: 'nav.exams', import: 'nav.import', staff: 'nav.staff', audit: 'nav.audit',
};

/**
 * The logged-in console: header (product, navigation, user, language, 'Uitloggen'), the current screen,
 * and 'Actieve inzages' beside it. Owns the `/admin` live connection: it opens when the shell appears
 * after login and closes when the shell goes (logout), so no listener outlives the session.
 * Events a busy desk cannot miss show as toasts (`adm-toasts`) and as a count in the tab title ('(2) Kiosks — Inzage')
 * until the window gets the focus back or the toasts are closed.
 * Logging out ends the reviews this user approved (docs/design.md: The review, `supervisor-logged-out`): while any run,
 * 'Uitloggen' first asks in a dialog ('Uitloggen?') that names them; with none it logs out at once.
 *
 * @fires none — listens for `adm-dismiss-notice` from `adm-active-reviews`.
 */
export class AdmShell extends LitElement {
  static override properties = {
    user: { attribute: false },
    loggingOut: { state: true },
    confirmLogout: { state: true },
    changingPassword: { state: true },
    passwordChanged: { state: true },
  };
  static override styles = [base, dialogStyles, css`
    :host { min-height: 100vh; display: flex; flex-direction: column; }
    header {
      background: var(--header-bg); color: var(--header-ink);
      --switch-line: #5b7190; --switch-ink: var(--header-muted); --switch-hover: #fff;
      --switch-active-bg: #fff; --switch-active-ink: var(--header-bg); --switch-focus: #8cc4ff;
    }
    header :focus-visible { outline-color: #8cc4ff; }
    /* the bar and the menu wrap on a narrow window (WCAG 1.4.10 reflow): nothing scrolls sideways or is cut */
    .bar { display: flex; flex-wrap: wrap; align-items: center; gap: var(--space-3) var(--space-5); padding: var(--space-3) var(--space-6); }
    .brand { font-weight: 700; font-size: 1.125rem; letter-spacing: 0.01em; display: flex; align-items: baseline; gap: 0.6em; margin-right: auto; }
    .brand small { font-weight: 500; font-size: 0.875rem; color: var(--header-muted); }
    .user { display: flex; flex-direction: column; align-items: flex-end; line-height: 1.2; }
    .user .name { font-weight: 600; }
    .user .role { font-size: 0.8125rem; color: var(--header-muted); }
    .logout { background: transparent; border-color: #8aa0bd; color: #fff; }
    .logout:hover { background: rgb(255 255 255 / 0.1); border-color: #fff; }
    .skip { position: absolute; left: var(--space-4); top: -3rem; background: #fff; color: var(--accent); padding: var(--space-2) var(--space-3); border-radius: var(--radius); z-index: 10; }
    .skip:focus { top: var(--space-2); }

    nav { background: #1b3354; padding: 0 var(--space-5); }
    nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0 var(--space-1); }
    nav a {
      display: block; padding: 0.65rem 0.9rem; color: var(--header-muted); text-decoration: none; font-weight: 600;
      font-size: 0.9375rem; border-bottom: 3px solid transparent;
    }
    nav a:hover { color: #fff; border-bottom-color: #5b7190; }
    nav a[aria-current='page'] { color: #fff; border-bottom-color: #fff; }
    nav .sep { width: 1px; background: #3d5678; margin: 0.6rem var(--space-2); }

    .layout {
      flex: 1; display: grid; grid-template-columns: minmax(0, 1fr) 21rem; gap: var(--space-5);
      padding: var(--space-5) var(--space-6); align-items: start; max-width: 100rem; width: 100%; margin: 0 auto;
    }
    main:focus { outline: none; }
    .kiosk-alerts { max-width: 100rem; width: 100%; margin: 0 auto; padding: 0 var(--space-6); box-sizing: border-box; }
    .kiosk-alerts:empty { display: none; }
    .shell-status:empty { padding: 0; }
    .shell-status { max-width: 100rem; width: 100%; margin: 0 auto; padding: var(--space-3) var(--space-6) 0; box-sizing: border-box; }
    .shell-status p { margin: 0; }
    .kiosk-alerts p { margin: var(--space-3) 0 0; }
    adm-active-reviews { position: sticky; top: var(--space-4); }
    dialog ul { margin: 0; padding-left: 1.25rem; display: flex; flex-direction: column; gap: var(--space-1); }
    dialog li { font-weight: 600; }
    @media (max-width: 60rem) {
      /* minmax(0, …): a wide table scrolls in its own box instead of widening the page */
      .layout { grid-template-columns: minmax(0, 1fr); }
      adm-active-reviews { position: static; order: -1; }
    }
    @media (max-width: 40rem) {
      .bar { padding: var(--space-2) var(--space-4); gap: var(--space-2) var(--space-3); }
      nav { padding: 0 var(--space-2); }
      nav a { padding: 0.55rem 0.6rem; }
      nav .sep { display: none; }
      .layout { padding: var(--space-4) var(--space-3); gap: var(--space-4); }
    }
  `];

  user: MeDto | undefined = undefined;
  loggingOut = false;
  /** 'Uitloggen' was pressed while reviews this user approved are running: the dialog asks first */
  confirmLogout = false;
  /** the dialog 'Wachtwoord wijzigen' is open */
  changingPassword = false;
  /** the own password was just changed: a status line says so (until the next screen) */
  passwordChanged = false;
  /** the running reviews as the server said them at 'Uitloggen', for when the live list is not current */
  private reviewsAtLogout: readonly ReviewDto[] = [];

  private readonly live = new LiveController(this, {
    // The server dropped or refused the connection: ask whether the session still exists.
    onRefused: () => void refresh().catch(() => undefined),
  });
  private readonly router = new RouteController(this, () => this.routeChanged());
  private moveFocus = false;

  constructor() {
    super();
    new LangController(this);
  }

  /** the desk looks at the console again: the toasts are seen, the tab title stops counting them */
  private readonly seen = () => {
    if (document.visibilityState === 'visible') this.live.seeEvents();
  };

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('focus', this.seen);
    document.addEventListener('visibilitychange', this.seen);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('focus', this.seen);
    document.removeEventListener('visibilitychange', this.seen);
  }

  private routeChanged() {
    this.moveFocus = true;
    this.passwordChanged = false;
  }

  override updated() {
    syncDialog(this.renderRoot, 'logout-confirm', this.confirmLogout);
    const passwordDialog = this.renderRoot.querySelector<HTMLDialogElement>('#password-dialog');
    const opening = this.changingPassword && passwordDialog?.open === false;
    syncDialog(this.renderRoot, 'password-dialog', this.changingPassword);
    // a fresh form each time, the focus in its first field
    if (opening) void this.renderRoot.querySelector('adm-password-form')?.updateComplete.then(() => this.renderRoot.querySelector('adm-password-form')?.reset());
    const unseen = unseenCount(this.live.state.events);
    document.title = `${unseen ? `(${unseen}) ` : ''}${this.screenTitle()} — ${t('app.name')}`;
    if (this.moveFocus) {
      this.moveFocus = false;
      // A new screen: start reading and tabbing from its content, not from the old position.
      this.renderRoot.querySelector<HTMLElement>('main')?.focus({ preventScroll: false });
    }
  }

  /** the rooms this login supervises, as chosen in 'Mijn lokalen'; empty: all */
  private roomIds(): readonly string[] {
    return myRooms(this.user);
  }

  /**
   * 'Mijn lokalen' as a filter (docs/design.md: Rooms): with rooms chosen, the Kiosks screen, 'Start inzage' and the
   * kiosk alerts show only their kiosks ('Actieve inzages' filters itself, with its own 'Alle lokalen tonen').
   */
  private inMyRooms(kiosks: readonly KioskDto[]): readonly KioskDto[] {
    const mine = new Set(this.roomIds());
    return mine.size === 0 ? kiosks : kiosks.filter((k) => k.roomId !== null && mine.has(k.roomId));
  }

  private alertsInMyRooms(alerts: readonly KioskAlertDto[]): readonly KioskAlertDto[] {
    if (this.roomIds().length === 0) return alerts;
    const shown = new Set(this.inMyRooms(this.live.state.kiosks).map((k) => k.id));
    return alerts.filter((a) => shown.has(a.kioskId));
  }

  private screenTitle(): string {
    const r = this.router.route;
    switch (r.name) {
      case 'groups': case 'results': case 'candidate': return t('nav.groups');
      case 'kiosks': return t('nav.kiosks');
      case 'room': return t('map.title');
      case 'remarks': return t('nav.remarks');
      case 'mirror': return t('mirror.title');
      case 'admin': return t(SECTION_KEY[r.section]);
      case 'not-found': return t('notfound.title');
    }
  }

  /** The running reviews this user approved (`ReviewDto.approvedBy` is the approver's username). */
  private mine(reviews: readonly ReviewDto[]): ReviewDto[] {
    const u = this.user;
    if (!u) return [];
    return reviews.filter((r) => r.approvedBy === u.username);
  }

  private liveCurrent(): boolean {
    return this.live.state.connected && this.live.state.synced;
  }

  private async askLogout() {
    if (this.loggingOut || this.confirmLogout) return;
    let reviews = this.live.state.reviews;
    if (!this.liveCurrent()) {
      // no live list to go by: ask the server which reviews run
      try {
        reviews = await listReviews();
      } catch {
        // the server cannot say either; what the console last knew will do
      }
    }
    this.reviewsAtLogout = reviews;
    if (this.mine(reviews).length === 0) {
      await this.logout();
      return;
    }
    this.confirmLogout = true;
  }

  private cancelLogout() {
    this.confirmLogout = false;
  }

  private async logout() {
    this.loggingOut = true;
    try {
      await logout();
    } catch {
      // The session ends on the client in any case; the server ends it on its own timeout.
    }
  }

  private openPassword() {
    this.passwordChanged = false;
    this.changingPassword = true;
  }

  /** Closed without a change (Annuleren, Esc): the focus goes back to the button that opened it. */
  private closePassword() {
    if (!this.changingPassword) return;
    this.changingPassword = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#password-open')?.focus());
  }

  private passwordDone() {
    this.closePassword();
    this.passwordChanged = true;
  }

  private skip(e: Event) {
    e.preventDefault();
    this.renderRoot.querySelector<HTMLElement>('main')?.focus();
  }

  private navLink(route: Route, key: MessageKeyWith) {
    const current = this.router.route;
    const active = current.name === route.name
      || (route.name === 'groups' && (current.name === 'results' || current.name === 'candidate'))
      || (route.name === 'admin' && current.name === 'admin' && current.section === route.section);
    const exact = JSON.stringify(current) === JSON.stringify(route);
    return html`<li><a href=${href(route)} aria-current=${exact ? 'page' : active ? 'true' : nothing}>${t(key)}</a></li>`;
  }

  private adminView(section: AdminSection) {
    const { reviews, versions } = this.live.state;
    switch (section) {
      case 'rooms': return html`<adm-rooms .version=${versions.rooms} .kiosks=${this.live.state.kiosks}></adm-rooms>`;
      case 'exams': return html`<adm-exams .version=${`${versions.exams}.${versions.results}`}></adm-exams>`;
      case 'import': return html`<adm-import></adm-import>`;
      case 'staff': return html`<adm-staff .currentUserId=${this.user?.id ?? ''} .reviews=${reviews} .version=${String(versions.users)}></adm-staff>`;
      case 'audit': return html`<adm-audit></adm-audit>`;
    }
  }

  private view() {
    const r = this.router.route;
    const { kiosks, reviews, synced, versions } = this.live.state;
    const isAdmin = this.user?.role === 'admin';
    // results screens show exam settings too (the review status)
    const version = `${versions.exams}.${versions.results}`;
    switch (r.name) {
      case 'groups':
        return html`<adm-groups .version=${version} .reviews=${reviews} .synced=${synced}></adm-groups>`;
      case 'results':
        return html`<adm-results .groupId=${r.groupId} .reviews=${reviews} .synced=${synced} .version=${version}></adm-results>`;
      case 'candidate':
        return html`<adm-sitting .filtered=${this.roomIds().length > 0} .number=${r.number} .groupId=${r.groupId} .kiosks=${this.inMyRooms(kiosks)} .reviews=${reviews} .synced=${synced} .version=${version}></adm-sitting>`;
      case 'kiosks':
        return html`<adm-kiosks .kiosks=${this.inMyRooms(kiosks)} .hiddenCount=${kiosks.length - this.inMyRooms(kiosks).length} .myRoomIds=${this.roomIds()} .reviews=${reviews} .synced=${synced} .isAdmin=${isAdmin} .roomsVersion=${versions.rooms}></adm-kiosks>`;
      case 'room':
        return html`<adm-room-map .roomId=${r.roomId} .kiosks=${kiosks} .reviews=${reviews} .ended=${this.live.state.ended} .synced=${synced}
          .version=${versions.rooms} @adm-end-review=${(e: EndReviewEvent) => this.renderRoot.querySelector('adm-active-reviews')?.ask(e.detail.review)}></adm-room-map>`;
      case 'remarks':
        return html`<adm-remarks .version=${String(versions.remarks)}></adm-remarks>`;
      case 'mirror':
        return html`<adm-mirror .reviewId=${r.reviewId} .socket=${this.live.channel}></adm-mirror>`;
      case 'admin':
        return isAdmin
          ? this.adminView(r.section)
          : html`<adm-placeholder heading=${t('forbidden.title')} text=${t('forbidden.text')} back></adm-placeholder>`;
      case 'not-found':
        return html`<adm-placeholder heading=${t('notfound.title')} text=${t('notfound.text')} back></adm-placeholder>`;
    }
  }

  override render() {
    const isAdmin = this.user?.role === 'admin';
    const { kiosks, reviews, warned, alerts, ended, connected, synced } = this.live.state;
    return html`
      <a class="skip" href="#main" @click=${this.skip}>${t('app.skip')}</a>
      <header>
        <div class="bar">
          <div class="brand">${t('app.name')} <small>${t('app.tagline')}</small></div>
          <div class="user">
            <span class="name"><span class="sr-only">${t('user.label')} </span>${this.user?.displayName}</span>
            <span class="role">${this.user ? t(this.user.role === 'admin' ? 'role.admin' : 'role.supervisor') : ''}</span>
          </div>
          <adm-my-rooms .user=${this.user} .version=${this.live.state.versions.rooms}></adm-my-rooms>
          <adm-lang-switch></adm-lang-switch>
          <button type="button" class="logout" id="password-open" aria-haspopup="dialog" @click=${this.openPassword}>${t('password.title')}</button>
          <button type="button" class="logout" ?disabled=${this.loggingOut} @click=${this.askLogout}>${t('logout')}</button>
        </div>
        <nav aria-label=${t('nav.label')}>
          <ul>
            ${this.navLink({ name: 'groups' }, 'nav.groups')}
            ${this.navLink({ name: 'kiosks' }, 'nav.kiosks')}
            ${this.navLink({ name: 'remarks' }, 'nav.remarks')}
            ${isAdmin ? html`
              <li class="sep" aria-hidden="true"></li>
              ${this.navLink({ name: 'admin', section: 'rooms' }, 'nav.rooms')}
              ${this.navLink({ name: 'admin', section: 'exams' }, 'nav.exams')}
              ${this.navLink({ name: 'admin', section: 'import' }, 'nav.import')}
              ${this.navLink({ name: 'admin', section: 'staff' }, 'nav.staff')}
              ${this.navLink({ name: 'admin', section: 'audit' }, 'nav.audit')}` : nothing}
          </ul>
        </nav>
      </header>
      ${alertRegion(this.alertsInMyRooms(alerts))}
      <div class="shell-status" role="status">${this.passwordChanged ? html`<p class="notice ok">${t('password.changed')}</p>` : nothing}</div>
      <div class="layout">
        <main id="main" tabindex="-1">${this.view()}</main>
        <adm-active-reviews
          .reviews=${reviews} .kiosks=${kiosks} .roomIds=${this.roomIds()} .warned=${warned} .alerts=${alerts} .ended=${ended}
          .connected=${connected} .synced=${synced}
          @adm-dismiss-notice=${(e: DismissNoticeEvent) => this.live.dismiss(e.detail.key)}></adm-active-reviews>
      </div>
      <adm-toasts .events=${this.live.state.events} .reviews=${reviews}
        @adm-dismiss-event=${(e: DismissEventEvent) => this.live.dismissEvent(e.detail.key)}></adm-toasts>
      ${this.logoutDialog()}
      ${this.passwordDialog()}
    `;
  }

  private passwordDialog() {
    return html`<dialog id="password-dialog" aria-labelledby="password-title" @close=${this.closePassword}>
      <div class="body">
        <h2 id="password-title">${t('password.title')}</h2>
        <adm-password-form @adm-password-changed=${this.passwordDone}></adm-password-form>
        <div class="buttons">
          <button type="button" class="secondary" @click=${this.closePassword}>${t('common.cancel')}</button>
        </div>
      </div>
    </dialog>`;
  }

  private logoutDialog() {
    // live, so a review that ends (or starts) meanwhile shows at once
    const mine = this.confirmLogout ? this.mine(this.liveCurrent() ? this.live.state.reviews : this.reviewsAtLogout) : [];
    return html`<dialog id="logout-confirm" aria-labelledby="logout-title" aria-describedby="logout-text" @close=${this.cancelLogout}>
      ${this.confirmLogout ? html`<div class="body">
        <h2 id="logout-title">${t('logout.confirmTitle')}</h2>
        <div id="logout-text" class="stack">
          ${mine.length
            ? html`<p>${t(mine.length === 1 ? 'logout.running.one' : 'logout.running.other', { n: mine.length })}</p>
              <ul>${mine.map((r) => html`<li>${t('logout.runningItem', { candidate: r.candidateName, kiosk: r.kioskName })}</li>`)}</ul>`
            : html`<p>${t('logout.noneLeft')}</p>`}
        </div>
        <div class="buttons">
          <button type="button" class="secondary" autofocus @click=${this.cancelLogout}>${t('common.cancel')}</button>
          <button type="button" class="danger solid" ?disabled=${this.loggingOut} @click=${this.logout}>${t('logout')}</button>
        </div>
      </div>` : nothing}
    </dialog>`;
  }
}
customElements.define('adm-shell', AdmShell);

declare global {
  interface HTMLElementTagNameMap { 'adm-shell': AdmShell }
}
