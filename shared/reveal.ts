/**
 * The reveal policy (docs/design.md: The reveal policy), pure: what an exam lets a candidate see of keys, schemes and
 * scores. Exams stored or imported before the policy existed have only `showKey`/`showScheme`; they read as
 * 'on-request' (true) or 'never' (false), on every question, with scores shown — today's behaviour.
 */
import type { RevealPolicy, ReviewSettings } from './schema.ts';

export type RevealWhen = RevealPolicy['key'];

/** The policy an exam's review settings give: `reveal` when set, else the one `showKey`/`showScheme` mean. */
export function revealPolicy(review: Pick<ReviewSettings, 'showKey' | 'showScheme' | 'reveal'>): RevealPolicy {
  return review.reveal ?? {
    key: review.showKey ? 'on-request' : 'never',
    scheme: review.showScheme ? 'on-request' : 'never',
    scope: 'all',
    scores: 'shown',
  };
}

/**
 * Settings after a change, with the two ways of saying it in step: a change of `reveal` sets `showKey`/`showScheme`
 * (shown unless 'never'); a change of only `showKey`/`showScheme` (an older client) moves a stored policy's key or
 * scheme to 'never' or, from 'never', to 'on-request'.
 */
export function inStep(merged: ReviewSettings, changed: { reveal?: unknown; showKey?: unknown; showScheme?: unknown }): ReviewSettings {
  if (changed.reveal !== undefined && merged.reveal) {
    return { ...merged, showKey: merged.reveal.key !== 'never', showScheme: merged.reveal.scheme !== 'never' };
  }
  if (!merged.reveal) return merged;
  const follow = (when: RevealWhen, shown: boolean): RevealWhen => (!shown ? 'never' : when === 'never' ? 'on-request' : when);
  return { ...merged, reveal: { ...merged.reveal, key: follow(merged.reveal.key, merged.showKey), scheme: follow(merged.reveal.scheme, merged.showScheme) } };
}

/** Whether the candidate may see this question's key or scheme at all, given what they scored on it. */
export function revealInScope(policy: RevealPolicy, score: number, maxScore: number): boolean {
  return policy.scope === 'all' || score < maxScore;
}

/** A review's time limit in milliseconds with a candidate's extra time (a percentage of the exam's `maxMinutes`). */
export function limitMs(maxMinutes: number, extraTimePercent = 0): number {
  return Math.round((maxMinutes * 60_000 * (100 + extraTimePercent)) / 100);
}

/**
 * What a settings form sends for a chosen policy: nothing when it is the policy already in force; the older
 * `showKey`/`showScheme` when they can say it and the exam has no stored `reveal` (so an exam keeps the form it was
 * imported in until it needs more); else the whole `reveal`.
 */
export function policyPatch(before: Pick<ReviewSettings, 'showKey' | 'showScheme' | 'reveal'>, policy: RevealPolicy): Partial<ReviewSettings> {
  const now = revealPolicy(before);
  const same = (Object.keys(policy) as (keyof RevealPolicy)[]).every((k) => policy[k] === now[k]);
  if (same) return {};
  const plain = policy.scope === 'all' && policy.scores === 'shown' && policy.key !== 'always' && policy.scheme !== 'always';
  if (before.reveal || !plain) return { reveal: policy };
  const patch: Partial<ReviewSettings> = {};
  if ((policy.key !== 'never') !== before.showKey) patch.showKey = policy.key !== 'never';
  if ((policy.scheme !== 'never') !== before.showScheme) patch.showScheme = policy.scheme !== 'never';
  return patch;
}
