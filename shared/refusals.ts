/**
 * Refusals that say more than their error code (docs/design.md: Front-end i18n): each has a name the server
 * sends as `details.refusal`, its parameters as `details.params`, and its Dutch text, the server's message. The
 * shared English catalogue (shared/i18n/en.ts, `refusal.*`, a `Translation` of these, so tsc keeps the two in
 * step) has each one's English text, so that the English console shows the specific reason, not the code's
 * generic text. A server-side refusal names one of these instead of writing a message of its own
 * (tests/unit/refusalTexts.test.ts holds the server to that).
 */
import { fill, type ParamArgs, type ParamValue } from './i18n/catalogue.ts';
import { DomainError, apiError, type ApiError, type ErrorCode } from './errors.ts';

export const REFUSALS = {
  'retain-in-past': 'De bewaardatum moet in de toekomst liggen; gegevens nu verwijderen kan onder ‘Gegevens verwijderen’.',
  'retain-before-window-end': 'De gegevens moeten bewaard blijven tot na het einde van de inzageperiode.',
  'window-ends-before-start': 'De inzageperiode moet eindigen na het begin.',
  'window-ends-after-retention': 'De inzageperiode moet eindigen voordat de gegevens worden verwijderd (de bewaardatum van dit examen).',
  // input
  'invalid-fields': 'De invoer is ongeldig: {fields}',
  'invalid-json': 'De invoer is geen geldige JSON.',
  'json-required': 'Verzoeken moeten JSON zijn (Content-Type: application/json).',
  'unknown-request': 'Onbekend verzoek.',
  'unknown-time-zone': 'Onbekende tijdzone: {tz}.',
  'invalid-audit-date': 'Ongeldige datum in het filter.',
  'remark-invalid': 'Een opmerking heeft een soort en ten hoogste 1.000 tekens.',
  // sign-in, sessions, staff
  'credentials-in-url': 'Inloggegevens horen niet in de URL.',
  'session-expired': 'Uw sessie is verlopen; log opnieuw in.',
  'unknown-origin': 'Verzoek van een onbekende herkomst geweigerd.',
  'other-origin': 'Verzoek van een andere herkomst geweigerd.',
  'password-too-short': 'Het wachtwoord moet minstens {min} tekens hebben.',
  'same-password': 'Kies een ander wachtwoord dan het huidige.',
  'wrong-current-password': 'Het huidige wachtwoord is onjuist.',
  'username-format': 'Gebruikersnaam: 2 tot 40 kleine letters, cijfers, ".", "_" of "-".',
  'username-taken': 'Er bestaat al een medewerker met de gebruikersnaam "{username}".',
  'no-such-username': 'Er is geen medewerker met de gebruikersnaam "{username}".',
  'no-such-staff': 'Deze medewerker bestaat niet.',
  // things that are not (or no longer) there
  'no-such-kiosk': 'Deze kiosk bestaat niet.',
  'kiosk-gone': 'Deze kiosk bestaat niet (meer).',
  'no-such-room': 'Dit lokaal bestaat niet.',
  'room-gone': 'Dit lokaal bestaat niet (meer).',
  'no-such-review': 'Deze inzage bestaat niet (meer).',
  'no-such-media-file': 'Dit bestand bestaat niet.',
  'no-such-group': 'Deze afnamegroep bestaat niet.',
  'no-such-candidate': 'Deze kandidaat bestaat niet.',
  'no-such-exam': 'Dit examen bestaat niet.',
  'no-such-sitting': 'Deze afname bestaat niet.',
  'no-exam-of-sitting': 'Het examen van deze afname bestaat niet.',
  'no-such-remark': 'Deze opmerking bestaat niet (meer).',
  'review-not-running': 'Deze inzage loopt niet (meer).',
  'question-not-in-review': 'Deze vraag hoort niet bij deze inzage.',
  // reviews, kiosks, rooms
  'kiosk-did-not-confirm': 'De kiosk heeft de inzage niet bevestigd; controleer de verbinding en probeer het opnieuw.',
  'media-not-in-review': 'Dit bestand hoort niet bij een lopende inzage op deze kiosk.',
  'scheme-not-shown': 'Het correctievoorschrift wordt bij dit examen niet getoond.',
  'key-not-shown': 'De antwoordsleutel wordt bij dit examen niet getoond.',
  'key-and-scheme-not-shown': 'De antwoordsleutel en het correctievoorschrift worden bij dit examen niet getoond.',
  'shown-only-where-points-lost': 'Bij dit examen worden de antwoordsleutel en het correctievoorschrift alleen getoond bij vragen waarop punten zijn verloren.',
  'room-requires-seb': 'Lokaal ‘{room}’ vereist Safe Exam Browser, en deze kiosk is daar niet in geopend.',
  'room-name-taken': 'Er is al een lokaal met de naam "{name}".',
  'kiosk-url-invalid': 'Dit is geen geldig adres voor de kiosk: {url}',
  'launch-url-invalid': 'Dit adres kan niet in een startbestand: {url}',
  // imports
  'import-has-errors': 'Het importbestand bevat {n} fout(en); er is niets opgeslagen.',
  'upload-unreadable': 'De upload kan niet worden gelezen (geen geldig multipart-formulier).',
  'upload-empty': 'Er is geen bestand meegestuurd.',
  'upload-too-many-files': 'Te veel bestanden ({n}); hoogstens {max}. Zet resultaatbestanden samen in een zip.',
} as const;

export type Refusal = keyof typeof REFUSALS;

/** `details` of a refusal: its name, its parameters (if any), and whatever else the refusal carries. */
function refusalDetails(name: Refusal, params: Readonly<Record<string, ParamValue>> | undefined, extra?: object): Record<string, unknown> {
  return { refusal: name, ...(params ? { params } : {}), ...extra };
}

/** The wire form of a refusal: for a socket acknowledgement, `{ ok: false, error: refusalError('not-found', 'no-such-kiosk') }`. */
export function refusalError<N extends Refusal>(code: ErrorCode, name: N, ...params: ParamArgs<(typeof REFUSALS)[N]>): ApiError {
  return apiError(code, fill('nl', REFUSALS[name], params[0]), refusalDetails(name, params[0]));
}

/** A coded refusal with its specific reason: `throw refusal('conflict', 'room-name-taken', { name })`. */
export function refusal<N extends Refusal>(code: ErrorCode, name: N, ...params: ParamArgs<(typeof REFUSALS)[N]>): DomainError {
  return new DomainError(code, fill('nl', REFUSALS[name], params[0]), refusalDetails(name, params[0]));
}

/** A refusal that carries more than its words (an import's `errors` and `issues`) in its details. */
export function refusalWith<N extends Refusal>(code: ErrorCode, name: N, extra: object, ...params: ParamArgs<(typeof REFUSALS)[N]>): DomainError {
  return new DomainError(code, fill('nl', REFUSALS[name], params[0]), refusalDetails(name, params[0], extra));
}
