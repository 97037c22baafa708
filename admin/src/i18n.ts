/**
 * The console's words, Dutch first (DESIGN §2: the source's labels verbatim), English second.
 * A tiny in-house catalogue: `t(key, params)` looks a word up in the current language; `LangController`
 * re-renders its host when the language changes. The choice is kept in localStorage `inzage.lang`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EndReason, ReviewStatus } from '../../shared/domain.ts';
import type { ErrorCode } from '../../shared/errors.ts';
import { CVTE_REFERRAL } from '../../shared/errors.ts';
import { CVTE_REFERRAL_EN, END_REASON_TEXT, REVIEW_STATUS_TEXT, errorText, type Lang } from '../../shared/i18n.ts';

const nl = {
  'app.name': 'Inzage',
  'app.tagline': 'Console',
  'app.loading': 'Bezig met laden…',
  'app.skip': 'Naar de inhoud',

  'lang.label': 'Taal',
  'lang.nl': 'Nederlands',
  'lang.en': 'English',

  'login.title': 'Inloggen',
  'login.intro': 'Log in met uw account als toezichthouder of beheerder.',
  'login.username': 'Gebruikersnaam',
  'login.password': 'Wachtwoord',
  'login.submit': 'Inloggen',
  'login.failed': 'Gebruikersnaam of wachtwoord onjuist.',
  'login.expired': 'Uw sessie is verlopen. Log opnieuw in.',
  'login.loggedOut': 'U bent uitgelogd.',
  'login.brand': 'Console voor toezichthouders en beheerders',

  'password.title': 'Wachtwoord wijzigen',
  'password.intro': 'U logt voor het eerst in, of uw wachtwoord is opnieuw ingesteld. Kies een nieuw wachtwoord van minstens 10 tekens.',
  'password.current': 'Huidig wachtwoord',
  'password.new': 'Nieuw wachtwoord',
  'password.repeat': 'Herhaal nieuw wachtwoord',
  'password.submit': 'Wachtwoord wijzigen',
  'password.tooShort': 'Het nieuwe wachtwoord moet minstens 10 tekens hebben.',
  'password.mismatch': 'De nieuwe wachtwoorden zijn niet gelijk.',
  'password.same': 'Kies een ander wachtwoord dan het huidige.',
  'password.wrongCurrent': 'Het huidige wachtwoord is onjuist.',
  'password.hint': 'Minstens 10 tekens.',

  'nav.label': 'Hoofdmenu',
  'nav.groups': 'Afnamegroepen',
  'nav.kiosks': 'Kiosks',
  'nav.exams': 'Examens',
  'nav.import': 'Importeren',
  'nav.staff': 'Medewerkers',
  'nav.audit': 'Auditlog',
  'user.label': 'Ingelogd als',
  'role.admin': 'beheerder',
  'role.supervisor': 'toezichthouder',
  'logout': 'Uitloggen',

  'placeholder.text': 'Dit onderdeel volgt.',
  'forbidden.title': 'Geen toegang',
  'forbidden.text': 'Dit onderdeel is alleen voor beheerders.',
  'notfound.title': 'Pagina niet gevonden',
  'notfound.text': 'Deze pagina bestaat niet.',
  'notfound.back': 'Naar de afnamegroepen',

  'common.retry': 'Opnieuw proberen',
  'common.cancel': 'Annuleren',
  'common.save': 'Opslaan',
  'common.dismiss': 'Melding sluiten',
  'common.none': '—',

  'groups.title': 'Afnamegroepen',
  'groups.intro': 'Selecteer de afnamegroep en kies ‘Inzien examenresultaten’ voor een overzicht van de kandidaten en hun resultaten.',
  'groups.caption': 'Afnamegroepen',
  'groups.name': 'Afnamegroep en examen',
  'groups.date': 'Datum',
  'groups.count': 'Kandidaten',
  'groups.actions': 'Acties',
  'groups.view': 'Inzien examenresultaten',
  'groups.empty': 'Er zijn nog geen afnamegroepen. Een beheerder kan resultaten importeren.',

  'results.back': 'Terug naar de afnamegroepen',
  'results.caption': 'Kandidaten en resultaten',
  'results.status': 'Inzage',
  'results.window': 'Inzageperiode',
  'results.windowFromTo': '{from} tot {to}',
  'results.windowFrom': 'vanaf {from}',
  'results.windowTo': 'tot {to}',
  'results.windowAlways': 'geen beperking',
  'results.maxMinutes': 'Maximale duur',
  'results.minutes': '{n} minuten',
  'results.central': 'Centraal examen',
  'results.number': 'Examennummer',
  'results.name': 'Naam',
  'results.class': 'Klas',
  'results.score': 'Score',
  'results.grade': 'Cijfer',
  'results.review': 'Inzage',
  'results.open': 'Inzage',
  'results.running': 'Inzage loopt',
  'results.noSitting': 'Geen afname',
  'results.empty': 'Deze afnamegroep heeft geen kandidaten.',

  'sitting.back': 'Terug naar de resultaten',
  'sitting.backGroups': 'Terug naar de afnamegroepen',
  'sitting.candidate': 'Kandidaat {number}',
  'sitting.class': 'Klas {name}',
  'sitting.group': 'Afnamegroep',
  'sitting.date': 'Datum',
  'sitting.score': 'Score',
  'sitting.grade': 'Cijfer',
  'sitting.status': 'Inzage',
  'sitting.kiosk': 'Kiosk',
  'sitting.start': 'Start inzage',
  'sitting.busy': 'bezet',
  'sitting.offline': 'offline',
  'sitting.noKiosks': 'Er is geen kiosk gekoppeld. Een beheerder kan een kiosk koppelen onder ‘Kiosks’.',
  'sitting.noFreeKiosk': 'Er is nu geen vrije kiosk online.',
  'sitting.chosenBusy': '{kiosk} is nu bezet. Kies een andere kiosk.',
  'sitting.chosenOffline': '{kiosk} is nu offline. Kies een andere kiosk.',
  'sitting.choose': 'Kies een kiosk',
  'sitting.running': 'Inzage loopt op {kiosk}.',
  'sitting.started': 'De inzage loopt op {kiosk}. De kandidaat kan daar beginnen.',
  'sitting.candidateBusy': 'Voor deze kandidaat loopt al een inzage van een ander examen op {kiosk}.',
  'sitting.none': 'Deze kandidaat heeft geen afnames.',

  'active.title': 'Actieve inzages',
  'active.empty': 'Er lopen geen inzages.',
  'active.kiosk': 'Kiosk',
  'active.question': 'vraag {n} van {total}',
  'active.timeLeft': 'Resterende tijd',
  'active.approvedBy': 'Goedgekeurd door',
  'active.end': 'Beëindigen',
  'active.endLabel': 'Beëindigen: {candidate} op {kiosk}',
  'active.kioskOffline': 'kiosk offline',
  'active.ended': 'Inzage van {candidate} beëindigd: {reason}',
  'active.warning': 'Nog 5 minuten',
  'active.disconnected': 'Geen live verbinding met de server. Bezig met opnieuw verbinden…',
  'active.endFailed': 'Beëindigen mislukt: {message}',

  'kiosks.title': 'Kiosks',
  'kiosks.intro': 'Een kiosk is een gekoppelde browser waarop een kandidaat de inzage doet.',
  'kiosks.caption': 'Gekoppelde kiosks',
  'kiosks.name': 'Naam',
  'kiosks.status': 'Status',
  'kiosks.lastSeen': 'Laatst gezien',
  'kiosks.now': 'nu',
  'kiosks.actions': 'Acties',
  'kiosks.online': 'online',
  'kiosks.offline': 'offline',
  'kiosks.inReview': 'in inzage',
  'kiosks.inReviewOf': 'in inzage: {candidate}',
  'kiosks.empty': 'Er zijn nog geen kiosks gekoppeld.',
  'kiosks.pair': 'Kiosk koppelen',
  'kiosks.pairTitle': 'Nieuwe kiosk koppelen',
  'kiosks.pairIntro': 'Open de kiosk-pagina op de pc van het inzagestation. Die toont een koppelcode zoals ABC-123. Voer die code hier in met een naam voor het station.',
  'kiosks.code': 'Koppelcode',
  'kiosks.codeHint': 'Zes tekens, zoals ABC-123.',
  'kiosks.kioskName': 'Naam',
  'kiosks.kioskNameHint': 'Bijvoorbeeld ‘Station 3’.',
  'kiosks.submitPair': 'Koppelen',
  'kiosks.paired': 'Kiosk ‘{name}’ is gekoppeld.',
  'kiosks.rename': 'Hernoemen',
  'kiosks.renameTitle': 'Kiosk hernoemen',
  'kiosks.newName': 'Nieuwe naam',
  'kiosks.renamed': 'Kiosk ‘{old}’ heet nu ‘{name}’.',
  'kiosks.unpair': 'Ontkoppelen',
  'kiosks.unpairTitle': 'Kiosk ontkoppelen?',
  'kiosks.unpairText': '‘{name}’ wordt ontkoppeld en moet daarna opnieuw gekoppeld worden.',
  'kiosks.unpairRunning': 'Op deze kiosk loopt een inzage; die wordt beëindigd.',
  'kiosks.unpaired': 'Kiosk ‘{name}’ is ontkoppeld.',
  'kiosks.required': 'Vul dit veld in.',

  'error.network': 'Geen verbinding met de server. Probeer het opnieuw.',
  'error.load': 'Laden mislukt: {message}',
} as const;

export type MessageKey = keyof typeof nl;

const en: Record<MessageKey, string> = {
  'app.name': 'Inzage',
  'app.tagline': 'Console',
  'app.loading': 'Loading…',
  'app.skip': 'Skip to content',

  'lang.label': 'Language',
  'lang.nl': 'Nederlands',
  'lang.en': 'English',

  'login.title': 'Log in',
  'login.intro': 'Log in with your supervisor or administrator account.',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.failed': 'Wrong username or password.',
  'login.expired': 'Your session has expired. Please log in again.',
  'login.loggedOut': 'You are logged out.',
  'login.brand': 'Console for supervisors and administrators',

  'password.title': 'Change password',
  'password.intro': 'This is your first login, or your password was reset. Choose a new password of at least 10 characters.',
  'password.current': 'Current password',
  'password.new': 'New password',
  'password.repeat': 'Repeat new password',
  'password.submit': 'Change password',
  'password.tooShort': 'The new password must have at least 10 characters.',
  'password.mismatch': 'The new passwords do not match.',
  'password.same': 'Choose a password different from the current one.',
  'password.wrongCurrent': 'The current password is wrong.',
  'password.hint': 'At least 10 characters.',

  'nav.label': 'Main menu',
  'nav.groups': 'Groups',
  'nav.kiosks': 'Kiosks',
  'nav.exams': 'Exams',
  'nav.import': 'Import',
  'nav.staff': 'Staff',
  'nav.audit': 'Audit log',
  'user.label': 'Logged in as',
  'role.admin': 'administrator',
  'role.supervisor': 'supervisor',
  'logout': 'Log out',

  'placeholder.text': 'This section is coming.',
  'forbidden.title': 'No access',
  'forbidden.text': 'This section is for administrators only.',
  'notfound.title': 'Page not found',
  'notfound.text': 'This page does not exist.',
  'notfound.back': 'To the groups',

  'common.retry': 'Try again',
  'common.cancel': 'Cancel',
  'common.save': 'Save',
  'common.dismiss': 'Dismiss notice',
  'common.none': '—',

  'groups.title': 'Groups',
  'groups.intro': 'Select the group and choose ‘View exam results’ for an overview of its candidates and their results.',
  'groups.caption': 'Groups',
  'groups.name': 'Group and exam',
  'groups.date': 'Date',
  'groups.count': 'Candidates',
  'groups.actions': 'Actions',
  'groups.view': 'View exam results',
  'groups.empty': 'There are no groups yet. An administrator can import results.',

  'results.back': 'Back to the groups',
  'results.caption': 'Candidates and results',
  'results.status': 'Review',
  'results.window': 'Review period',
  'results.windowFromTo': '{from} to {to}',
  'results.windowFrom': 'from {from}',
  'results.windowTo': 'until {to}',
  'results.windowAlways': 'no limit',
  'results.maxMinutes': 'Maximum duration',
  'results.minutes': '{n} minutes',
  'results.central': 'Central exam',
  'results.number': 'Exam number',
  'results.name': 'Name',
  'results.class': 'Class',
  'results.score': 'Score',
  'results.grade': 'Grade',
  'results.review': 'Review',
  'results.open': 'Review',
  'results.running': 'Review running',
  'results.noSitting': 'No sitting',
  'results.empty': 'This group has no candidates.',

  'sitting.back': 'Back to the results',
  'sitting.backGroups': 'Back to the groups',
  'sitting.candidate': 'Candidate {number}',
  'sitting.class': 'Class {name}',
  'sitting.group': 'Group',
  'sitting.date': 'Date',
  'sitting.score': 'Score',
  'sitting.grade': 'Grade',
  'sitting.status': 'Review',
  'sitting.kiosk': 'Kiosk',
  'sitting.start': 'Start review',
  'sitting.busy': 'busy',
  'sitting.offline': 'offline',
  'sitting.noKiosks': 'No kiosk is paired. An administrator can pair one under ‘Kiosks’.',
  'sitting.noFreeKiosk': 'No free kiosk is online right now.',
  'sitting.chosenBusy': '{kiosk} is busy now. Choose another kiosk.',
  'sitting.chosenOffline': '{kiosk} is offline now. Choose another kiosk.',
  'sitting.choose': 'Choose a kiosk',
  'sitting.running': 'Review running on {kiosk}.',
  'sitting.started': 'The review is running on {kiosk}. The candidate can begin there.',
  'sitting.candidateBusy': 'A review of another exam is already running for this candidate on {kiosk}.',
  'sitting.none': 'This candidate has no sittings.',

  'active.title': 'Active reviews',
  'active.empty': 'No reviews are running.',
  'active.kiosk': 'Kiosk',
  'active.question': 'question {n} of {total}',
  'active.timeLeft': 'Time left',
  'active.approvedBy': 'Approved by',
  'active.end': 'End',
  'active.endLabel': 'End: {candidate} on {kiosk}',
  'active.kioskOffline': 'kiosk offline',
  'active.ended': 'Review of {candidate} ended: {reason}',
  'active.warning': '5 minutes left',
  'active.disconnected': 'No live connection to the server. Reconnecting…',
  'active.endFailed': 'Ending failed: {message}',

  'kiosks.title': 'Kiosks',
  'kiosks.intro': 'A kiosk is a paired browser on which a candidate does the review.',
  'kiosks.caption': 'Paired kiosks',
  'kiosks.name': 'Name',
  'kiosks.status': 'Status',
  'kiosks.lastSeen': 'Last seen',
  'kiosks.now': 'now',
  'kiosks.actions': 'Actions',
  'kiosks.online': 'online',
  'kiosks.offline': 'offline',
  'kiosks.inReview': 'in review',
  'kiosks.inReviewOf': 'in review: {candidate}',
  'kiosks.empty': 'No kiosks are paired yet.',
  'kiosks.pair': 'Pair kiosk',
  'kiosks.pairTitle': 'Pair a new kiosk',
  'kiosks.pairIntro': 'Open the kiosk page on the review station PC. It shows a pairing code such as ABC-123. Enter that code here with a name for the station.',
  'kiosks.code': 'Pairing code',
  'kiosks.codeHint': 'Six characters, such as ABC-123.',
  'kiosks.kioskName': 'Name',
  'kiosks.kioskNameHint': 'For example ‘Station 3’.',
  'kiosks.submitPair': 'Pair',
  'kiosks.paired': 'Kiosk ‘{name}’ is paired.',
  'kiosks.rename': 'Rename',
  'kiosks.renameTitle': 'Rename kiosk',
  'kiosks.newName': 'New name',
  'kiosks.renamed': 'Kiosk ‘{old}’ is now called ‘{name}’.',
  'kiosks.unpair': 'Unpair',
  'kiosks.unpairTitle': 'Unpair kiosk?',
  'kiosks.unpairText': '‘{name}’ will be unpaired and must then be paired again.',
  'kiosks.unpairRunning': 'A review is running on this kiosk; it will be ended.',
  'kiosks.unpaired': 'Kiosk ‘{name}’ is unpaired.',
  'kiosks.required': 'Fill in this field.',

  'error.network': 'No connection to the server. Please try again.',
  'error.load': 'Loading failed: {message}',
};

const CATALOGUE: Record<Lang, Record<MessageKey, string>> = { nl, en };
const STORAGE_KEY = 'inzage.lang';

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'nl' || stored === 'en') return stored;
  } catch {
    // storage may be unavailable (privacy mode); Dutch is the default anyway
  }
  return 'nl';
}

let current: Lang = initialLang();
const listeners = new Set<() => void>();

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  if (next === current) return;
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // not remembered, still switched
  }
  document.documentElement.lang = next;
  for (const fn of listeners) fn();
}

/** `t('active.question', { n: 3, total: 12 })` → "vraag 3 van 12" */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = CATALOGUE[current][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Re-renders its host when the language changes; the listener lives as long as the element is connected. */
export class LangController implements ReactiveController {
  private readonly update = () => this.host.requestUpdate();
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  hostConnected() {
    listeners.add(this.update);
  }
  hostDisconnected() {
    listeners.delete(this.update);
  }
}

// ---------- words from shared/ ----------

export function reviewStatusText(status: ReviewStatus): string {
  return REVIEW_STATUS_TEXT[current][status];
}

export function endReasonText(reason: EndReason): string {
  return END_REASON_TEXT[current][reason] ?? reason;
}

/** For central exams an expired window refers the candidate to the CvTE (source page). */
export function cvteReferral(): string {
  return current === 'nl' ? CVTE_REFERRAL : CVTE_REFERRAL_EN;
}

/** An error in words: the server's Dutch message in Dutch, the English text otherwise. */
export function errorMessage(err: { code: ErrorCode | 'network'; message: string }): string {
  if (err.code === 'network') return t('error.network');
  return errorText(err.code, current, err.message);
}

// ---------- numbers and dates ----------

const locale = () => (current === 'nl' ? 'nl-NL' : 'en-GB');

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 }).format(n);
}

/** Dutch grades have one decimal: 6,4 */
export function formatGrade(n: number | null): string {
  if (n === null) return t('common.none');
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);
}

/** "11 / 20" */
export function formatScore(score: number | null, max: number | null): string {
  if (score === null || max === null) return t('common.none');
  return `${formatNumber(score)} / ${formatNumber(max)}`;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return t('common.none');
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

