/** The one list of error codes (docs/design.md: Transport), their HTTP status and Dutch-first messages. */
export const ERROR_STATUS = {
  'invalid-input': 400,
  'invalid-url': 400,
  'weak-password': 400,
  'invalid-credentials': 401,
  unauthenticated: 401,
  forbidden: 403,
  'password-change-required': 403,
  'review-not-allowed': 403,
  'review-not-open': 403,
  'review-expired': 403,
  'seb-required': 403,
  'not-found': 404,
  'pairing-code-unknown': 404,
  'kiosk-offline': 409,
  'kiosk-busy': 409,
  'sitting-busy': 409,
  'candidate-busy': 409,
  conflict: 409,
  'last-admin': 409,
  'too-large': 413,
  'unsupported-media-type': 415,
  'rate-limited': 429,
  'no-review': 409,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ApiError { code: ErrorCode; message: string; details?: unknown }

/** Every socket acknowledgement, in both namespaces. */
export type Ack<T = undefined> = { ok: true; data?: T } | { ok: false; error: ApiError };
export type AckFn<T = undefined> = (ack: Ack<T>) => void;

export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  'invalid-input': 'De invoer is ongeldig.',
  'invalid-url': 'Het adres (URL) is ongeldig: een %-codering erin klopt niet.',
  'weak-password':
    'Dit wachtwoord is te makkelijk te raden: het staat in een lijst van veelgebruikte of gelekte wachtwoorden, of het is gelijk aan de gebruikersnaam. Kies een ander wachtwoord.',
  'invalid-credentials': 'Gebruikersnaam of wachtwoord onjuist.',
  unauthenticated: 'U bent niet ingelogd.',
  forbidden: 'U heeft geen toegang tot deze functie.',
  'password-change-required': 'Wijzig eerst uw wachtwoord.',
  'review-not-allowed': 'Inzage is niet toegestaan voor deze toets of dit examen.',
  'review-not-open': 'De inzageperiode is nog niet begonnen.',
  'review-expired': 'De inzageperiode is verstreken; inzage is niet meer toegestaan.',
  'seb-required': 'Deze kiosk is niet in Safe Exam Browser geopend, en dat lokaal vereist het.',
  'not-found': 'Niet gevonden.',
  'pairing-code-unknown': 'Deze koppelcode is onbekend of verlopen.',
  'kiosk-offline': 'Deze kiosk is niet verbonden.',
  'kiosk-busy': 'Op deze kiosk loopt al een inzage.',
  'sitting-busy': 'Voor deze afname loopt al een inzage.',
  'candidate-busy': 'Voor deze kandidaat loopt al een inzage.',
  conflict: 'Dit conflicteert met bestaande gegevens.',
  'last-admin': 'De laatste beheerder kan niet worden uitgeschakeld.',
  'too-large': 'Het verzoek is te groot.',
  'unsupported-media-type': 'Dit soort invoer wordt niet ondersteund; stuur JSON in UTF-8.',
  'rate-limited': 'Te veel pogingen. Probeer het later opnieuw.',
  'no-review': 'Er loopt geen inzage op deze kiosk.',
  internal: 'Er ging iets mis op de server.',
};

/** For central exams an expired window refers the candidate to the CvTE (source page). */
export const CVTE_REFERRAL =
  'De inzageperiode is verstreken; inzage is niet meer toegestaan. Voor de centrale examens kan de kandidaat alleen nog inzage aanvragen bij het College voor Toetsen en Examens (CvTE).';

export function apiError(code: ErrorCode, message = ERROR_MESSAGES[code], details?: unknown): ApiError {
  return details === undefined ? { code, message } : { code, message, details };
}

/**
 * An expected refusal, in the domain's words: a code from the one list and, where it helps, a more specific message
 * (Dutch first) and details. The domain (engine, kiosks, staff, import) throws it; the HTTP error handler answers it
 * with the code's status and the socket handlers acknowledge it as `{ ok: false, error }`. The domain never knows which.
 */
export class DomainError extends Error {
  constructor(public readonly code: ErrorCode, message?: string, public readonly details?: unknown) {
    super(message ?? ERROR_MESSAGES[code]);
    this.name = 'DomainError';
  }
  /** The wire form of this refusal. */
  toApiError(): ApiError {
    return apiError(this.code, this.message, this.details);
  }
}
