/**
 * What the heading row of a question shows besides its number, shared by the kiosk's question (question.ts) and the
 * console's read-only mirror of it (admin/src/components/mirror-question.ts): the candidate's score (or the maximum,
 * where the exam hides scores) and which panel the question has — the answer key of a closed question, the marking
 * scheme of an open one, and whether the exam's policy lets this candidate see it.
 */
import { css, html, type TemplateResult } from 'lit';
import type { PayloadQuestion } from '../../../shared/protocol.ts';
import { plural, type Lang } from '../i18n.ts';

/** `closed`: the question's panel is its key (else its scheme); `canReveal`: the policy lets the candidate open it. */
export function panelOf(q: PayloadQuestion): { closed: boolean; canReveal: boolean } {
  // an item shows its key where it has one, else its marking scheme (an open item)
  const closed = q.type === 'item' ? q.hasKey || !q.hasScheme : q.type !== 'open';
  return { closed, canReveal: closed ? q.hasKey : q.hasScheme };
}

export function scoreBadge(q: PayloadQuestion, lang: Lang): TemplateResult {
  const score = q.score;
  if (score === undefined) return html`<p class="score none">${plural(lang, 'maxPoints', q.maxScore)}</p>`;
  const kind = score >= q.maxScore && q.maxScore > 0 ? 'full' : score > 0 ? 'part' : 'none';
  return html`<p class="score ${kind}">${plural(lang, 'points', q.maxScore, { score })}</p>`;
}

export const scoreStyles = css`
  .score {
    font-size: 0.95em;
    font-weight: 700;
    padding: 0.25em 0.85em;
    border-radius: 999px;
    border: 2px solid currentColor;
    white-space: nowrap;
  }
  .score.full { color: var(--ksk-ok-ink); background: var(--ksk-ok-soft); }
  .score.part { color: var(--ksk-part-ink); background: var(--ksk-part-soft); }
  .score.none { color: var(--ksk-muted); background: var(--ksk-surface); }
`;
