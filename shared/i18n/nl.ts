/**
 * Words console and kiosk share, in Dutch: why a review ended, a window's review status, and the texts of the
 * error codes (the server's own Dutch messages, shared/errors.ts). The apps' catalogues include these.
 */
import type { EndReason, ReviewStatus } from '../domain.ts';
import { CVTE_REFERRAL, ERROR_MESSAGES, type ErrorCode } from '../errors.ts';
import { REFUSALS, type Refusal } from '../refusals.ts';

const refusalTexts = Object.fromEntries(
  Object.entries(REFUSALS).map(([name, text]) => [`refusal.${name}`, text]),
) as { readonly [K in Refusal as `refusal.${K}`]: (typeof REFUSALS)[K] };

// The error texts are the server's messages: one Dutch wording, kept in shared/errors.ts beside the codes.
const errorTexts = Object.fromEntries(
  Object.entries(ERROR_MESSAGES).map(([code, text]) => [`errorCode.${code}`, text]),
) as Record<`errorCode.${ErrorCode}`, string>;

export const nl = {
  'endReason.ended-by-supervisor': 'Beëindigd door de toezichthouder',
  'endReason.supervisor-logged-out': 'De toezichthouder is uitgelogd',
  'endReason.candidate-logged-out': 'De kandidaat is uitgelogd',
  'endReason.time-limit': 'De tijd voor de inzage is om',
  'endReason.kiosk-disconnected': 'De verbinding met de kiosk is verbroken',
  'endReason.kiosk-unpaired': 'De kiosk is ontkoppeld',
  'endReason.user-disabled': 'Het account van de toezichthouder is uitgeschakeld',
  'endReason.data-purged': 'De gegevens zijn verwijderd',
  'reviewStatus.open': 'Inzage mogelijk',
  'reviewStatus.not-allowed': 'Inzage niet toegestaan',
  'reviewStatus.not-open': 'Inzageperiode nog niet begonnen',
  'reviewStatus.expired': 'Inzageperiode verstreken',
  ...errorTexts,
  'errorCode.cvteReferral': CVTE_REFERRAL,
  ...refusalTexts,
} as const;

// Every end reason and status has its words: a new one in shared/domain.ts fails to compile here.
nl satisfies Record<`endReason.${EndReason}` | `reviewStatus.${ReviewStatus}`, string>;
