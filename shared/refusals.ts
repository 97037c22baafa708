/**
 * Refusals that say more than their error code (docs/design.md: Front-end i18n): each has a name the server
 * sends as `details.refusal` and its Dutch text, the server's message. The console's English catalogue
 * (shared/i18n/en.ts, `refusal.*`) has each one's English text, so the English console shows the specific
 * reason instead of the code's generic text.
 */
import { DomainError, type ErrorCode } from './errors.ts';

export const REFUSALS = {
  'retain-in-past': 'De bewaardatum moet in de toekomst liggen; gegevens nu verwijderen kan onder ‘Gegevens verwijderen’.',
  'retain-before-window-end': 'De gegevens moeten bewaard blijven tot na het einde van de inzageperiode.',
  'window-ends-before-start': 'De inzageperiode moet eindigen na het begin.',
  'window-ends-after-retention': 'De inzageperiode moet eindigen voordat de gegevens worden verwijderd (de bewaardatum van dit examen).',
} as const;

export type Refusal = keyof typeof REFUSALS;

/** A coded refusal with its specific reason: `throw refusal('invalid-input', 'window-ends-before-start')`. */
export const refusal = (code: ErrorCode, name: Refusal): DomainError => new DomainError(code, REFUSALS[name], { refusal: name });
