/**
 * The kiosk's words, Dutch first (the labels of docs/design.md: Transport verbatim), English second.
 * The language lives in memory only: a toggle button, or `?lang=en` on the URL.
 */
import { END_REASON_TEXT, errorText, type Lang } from '../../shared/i18n.ts';
import type { EndReason } from '../../shared/domain.ts';
import type { ErrorCode } from '../../shared/errors.ts';

export type { Lang };

const nl = {
  loading: 'Inzage wordt geladen…',
  connecting: 'Verbinden…',
  disconnected: 'Verbinding verbroken — opnieuw verbinden…',
  pairingCode: 'Koppelcode',
  pairingInstruction: 'Vraag de beheerder deze code in te voeren in de console bij Kiosks → Kiosk koppelen',
  pairingWaiting: 'Er wordt een koppelcode opgehaald…',
  pairingValidUntil: (time: string) => `Deze code is geldig tot ${time}. Daarna verschijnt vanzelf een nieuwe code.`,
  station: 'Inzagestation',
  waiting: 'Wacht op een inzage…',
  waitingHint: 'De toezichthouder start de inzage vanuit de console.',
  candidateNumber: 'Examennummer',
  totalScore: (s: string, m: string) => `Score: ${s} van ${m} punten`,
  grade: (g: string) => `Cijfer: ${g}`,
  remaining: 'Resterende tijd',
  warning: (time: string) => `Let op: de tijd is bijna om. De inzage eindigt om ${time}.`,
  questions: 'Vragen',
  question: (n: number) => `Vraag ${n}`,
  questionOf: (n: number, total: number) => `Vraag ${n} van ${total}`,
  previous: 'Vorige',
  next: 'Volgende',
  answered: 'Beantwoord',
  unanswered: 'Niet beantwoord',
  points: (s: string, m: string, max: number) => `${s} van ${m} ${max === 1 ? 'punt' : 'punten'}`,
  yourAnswer: 'Jouw antwoord',
  correctAnswer: 'Juist antwoord',
  multipleHint: 'Meer dan één antwoord mogelijk.',
  answerKey: 'Antwoordsleutel',
  markingScheme: 'Correctievoorschrift',
  correctOrder: 'Juiste volgorde',
  correctPairs: 'Juiste koppelingen',
  acceptedAnswers: 'Goed gerekende antwoorden',
  correctValue: 'Juiste waarde',
  tolerance: (t: string) => `marge ± ${t}`,
  matchedWith: 'gekoppeld aan',
  part: (n: number) => `Onderdeel ${n}`,
  mappedPoints: (p: string) => `${p} p.`,
  notMatched: 'niet gekoppeld',
  loadingKey: 'Laden…',
  noAnswer: 'Geen antwoord van de server. Probeer het opnieuw.',
  logout: 'Uitloggen',
  loggingOut: 'Bezig met uitloggen…',
  logoutTitle: 'Inzage beëindigen?',
  logoutText: 'Na het uitloggen kun je niet meer terug naar je examen. Alleen de toezichthouder kan een nieuwe inzage starten.',
  cancel: 'Annuleren',
  keyWithheld: 'De antwoordsleutel wordt bij dit examen niet getoond.',
  schemeWithheld: 'Het correctievoorschrift wordt bij dit examen niet getoond.',
  pairCorrect: 'Goed',
  pairWrong: 'Fout',
  correctPartner: 'juist',
  ended: 'De inzage is beëindigd',
  endedHint: 'Zo dadelijk verschijnt het wachtscherm weer.',
  endedHintUnpaired: 'Deze kiosk moet opnieuw worden gekoppeld; zo dadelijk verschijnt een koppelcode.',
  textSize: 'Tekstgrootte',
  smaller: 'Kleiner',
  larger: 'Groter',
  otherLanguage: 'English',
  otherLang: 'en' as Lang,
  locale: 'nl-NL',
};

export type Texts = typeof nl;

const en: Texts = {
  loading: 'Loading the review…',
  connecting: 'Connecting…',
  disconnected: 'Connection lost — reconnecting…',
  pairingCode: 'Pairing code',
  pairingInstruction: 'Ask the administrator to enter this code in the console under Kiosks → Pair kiosk',
  pairingWaiting: 'Fetching a pairing code…',
  pairingValidUntil: (time: string) => `This code is valid until ${time}. A new code then appears by itself.`,
  station: 'Review station',
  waiting: 'Waiting for a review…',
  waitingHint: 'The supervisor starts the review from the console.',
  candidateNumber: 'Exam number',
  totalScore: (s: string, m: string) => `Score: ${s} of ${m} points`,
  grade: (g: string) => `Grade: ${g}`,
  remaining: 'Time left',
  warning: (time: string) => `Note: time is almost up. The review ends at ${time}.`,
  questions: 'Questions',
  question: (n: number) => `Question ${n}`,
  questionOf: (n: number, total: number) => `Question ${n} of ${total}`,
  previous: 'Previous',
  next: 'Next',
  answered: 'Answered',
  unanswered: 'Not answered',
  points: (s: string, m: string, max: number) => `${s} of ${m} ${max === 1 ? 'point' : 'points'}`,
  yourAnswer: 'Your answer',
  correctAnswer: 'Correct answer',
  multipleHint: 'More than one answer possible.',
  answerKey: 'Answer key',
  markingScheme: 'Marking scheme',
  correctOrder: 'Correct order',
  correctPairs: 'Correct pairs',
  acceptedAnswers: 'Accepted answers',
  correctValue: 'Correct value',
  tolerance: (t: string) => `margin ± ${t}`,
  matchedWith: 'matched with',
  part: (n: number) => `Part ${n}`,
  mappedPoints: (p: string) => `${p} pt.`,
  notMatched: 'not matched',
  loadingKey: 'Loading…',
  noAnswer: 'No answer from the server. Please try again.',
  logout: 'Log out',
  loggingOut: 'Logging out…',
  logoutTitle: 'End the review?',
  logoutText: 'Once you log out you cannot go back to your exam. Only the supervisor can start a new review.',
  cancel: 'Cancel',
  keyWithheld: 'The answer key is not shown for this exam.',
  schemeWithheld: 'The marking scheme is not shown for this exam.',
  pairCorrect: 'Correct',
  pairWrong: 'Wrong',
  correctPartner: 'correct',
  ended: 'The review has ended',
  endedHint: 'The waiting screen returns in a moment.',
  endedHintUnpaired: 'This kiosk must be paired again; a pairing code appears in a moment.',
  textSize: 'Text size',
  smaller: 'Smaller',
  larger: 'Larger',
  otherLanguage: 'Nederlands',
  otherLang: 'nl',
  locale: 'en-GB',
};

const TEXTS: Record<Lang, Texts> = { nl, en };

export function texts(lang: Lang): Texts {
  return TEXTS[lang];
}

export function endReasonText(lang: Lang, reason: EndReason): string {
  return END_REASON_TEXT[lang][reason] ?? reason;
}

/** An error from an ack, or no ack in time, in words. */
export function commandErrorText(lang: Lang, error: { code: ErrorCode | 'timeout'; message?: string }): string {
  return error.code === 'timeout' ? TEXTS[lang].noAnswer : errorText(error.code, lang, error.message);
}

/** Scores and grades: "1,5" in Dutch, "1.5" in English. */
export function formatNumber(lang: Lang, n: number): string {
  return new Intl.NumberFormat(TEXTS[lang].locale, { maximumFractionDigits: 6 }).format(n);
}

export function formatGrade(lang: Lang, n: number): string {
  return new Intl.NumberFormat(TEXTS[lang].locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);
}

/** A clock time: "14:35". */
export function formatTime(lang: Lang, at: string | number | Date): string {
  return new Intl.DateTimeFormat(TEXTS[lang].locale, { hour: '2-digit', minute: '2-digit' }).format(new Date(at));
}

/** `?lang=en` on the URL, else Dutch. */
export function initialLang(search = location.search): Lang {
  return new URLSearchParams(search).get('lang') === 'en' ? 'en' : 'nl';
}
