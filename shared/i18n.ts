/** Words shared by console and kiosk, Dutch first (docs/design.md: Domain), English second. */
import type { EndReason, ReviewStatus } from './domain.ts';
import type { ErrorCode } from './errors.ts';
import { ERROR_MESSAGES } from './errors.ts';

export type Lang = 'nl' | 'en';
export const LANGS: readonly Lang[] = ['nl', 'en'];

export const END_REASON_TEXT: Record<Lang, Record<EndReason, string>> = {
  nl: {
    'ended-by-supervisor': 'Beëindigd door de toezichthouder',
    'supervisor-logged-out': 'De toezichthouder is uitgelogd',
    'candidate-logged-out': 'De kandidaat is uitgelogd',
    'time-limit': 'De tijd voor de inzage is om',
    'kiosk-disconnected': 'De verbinding met de kiosk is verbroken',
    'kiosk-unpaired': 'De kiosk is ontkoppeld',
    'user-disabled': 'Het account van de toezichthouder is uitgeschakeld',
    'data-purged': 'De gegevens zijn verwijderd',
  },
  en: {
    'ended-by-supervisor': 'Ended by the supervisor',
    'supervisor-logged-out': 'The supervisor logged out',
    'candidate-logged-out': 'The candidate logged out',
    'time-limit': 'The time for the review is up',
    'kiosk-disconnected': 'The connection to the kiosk was lost',
    'kiosk-unpaired': 'The kiosk was unpaired',
    'user-disabled': "The supervisor's account was disabled",
    'data-purged': 'The data was purged',
  },
};

export const REVIEW_STATUS_TEXT: Record<Lang, Record<ReviewStatus, string>> = {
  nl: {
    open: 'Inzage mogelijk',
    'not-allowed': 'Inzage niet toegestaan',
    'not-open': 'Inzageperiode nog niet begonnen',
    expired: 'Inzageperiode verstreken',
  },
  en: {
    open: 'Review possible',
    'not-allowed': 'Review not allowed',
    'not-open': 'Review period not yet open',
    expired: 'Review period expired',
  },
};

const ERROR_TEXT_EN: Record<ErrorCode, string> = {
  'invalid-input': 'The input is invalid.',
  'invalid-url': 'The address (URL) is invalid: a %-encoding in it is wrong.',
  'weak-password': 'This password is too easy to guess: it is on a list of common or breached passwords, or it equals the user name. Choose another password.',
  'invalid-credentials': 'Wrong username or password.',
  unauthenticated: 'You are not logged in.',
  forbidden: 'You have no access to this function.',
  'password-change-required': 'Change your password first.',
  'review-not-allowed': 'Review is not allowed for this test or exam.',
  'review-not-open': 'The review period has not started yet.',
  'review-expired': 'The review period has expired; review is no longer allowed.',
  'not-found': 'Not found.',
  'pairing-code-unknown': 'This pairing code is unknown or has expired.',
  'kiosk-offline': 'This kiosk is not connected.',
  'kiosk-busy': 'A review is already running on this kiosk.',
  'sitting-busy': 'A review of this sitting is already running.',
  'candidate-busy': 'A review for this candidate is already running.',
  conflict: 'This conflicts with existing data.',
  'last-admin': 'The last administrator cannot be disabled.',
  'too-large': 'The request is too large.',
  'unsupported-media-type': 'This kind of input is not supported; send JSON in UTF-8.',
  'rate-limited': 'Too many attempts. Try again later.',
  'no-review': 'No review is running on this kiosk.',
  internal: 'Something went wrong on the server.',
};

export const CVTE_REFERRAL_EN =
  'The review period has expired; review is no longer allowed. For central exams the candidate can only request a review from the College voor Toetsen en Examens (CvTE).';

/** The text for an error code in a language; the server's own (Dutch) message wins in Dutch. */
export function errorText(code: ErrorCode, lang: Lang, serverMessage?: string): string {
  if (lang === 'nl') return serverMessage ?? ERROR_MESSAGES[code];
  if (code === 'review-expired' && serverMessage?.includes('CvTE')) return CVTE_REFERRAL_EN;
  return ERROR_TEXT_EN[code] ?? serverMessage ?? code;
}
