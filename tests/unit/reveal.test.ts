import { expect } from 'chai';
import { inStep, limitMs, policyPatch, revealInScope, revealPolicy } from '../../shared/reveal.ts';
import type { ReviewSettings } from '../../shared/domain.ts';

const base: ReviewSettings = { allowed: true, maxMinutes: 30, showKey: true, showScheme: false };

describe('the reveal policy (shared/reveal.ts)', () => {
  it('reads showKey/showScheme as on-request/never, all questions, scores shown, until a policy is stored', () => {
    expect(revealPolicy(base)).to.deep.equal({ key: 'on-request', scheme: 'never', scope: 'all', scores: 'shown' });
    const reveal = { key: 'always', scheme: 'on-request', scope: 'not-full-marks', scores: 'hidden' } as const;
    expect(revealPolicy({ ...base, reveal })).to.equal(reveal);
  });

  it('keeps the booleans and the policy in step, whichever was changed', () => {
    const reveal = { key: 'never', scheme: 'always', scope: 'all', scores: 'shown' } as const;
    expect(inStep({ ...base, reveal }, { reveal })).to.include({ showKey: false, showScheme: true });
    const stored = { ...base, showKey: false, showScheme: true, reveal };
    expect(inStep({ ...stored, showKey: true }, { showKey: true }).reveal).to.deep.equal({ ...reveal, key: 'on-request' });
    expect(inStep({ ...stored, showScheme: false }, { showScheme: false }).reveal).to.deep.equal({ ...reveal, scheme: 'never' });
    expect(inStep(base, { showKey: false })).to.equal(base);
  });

  it('sends the booleans while they can say the choice, else the whole policy, and nothing for no change', () => {
    expect(policyPatch(base, revealPolicy(base))).to.deep.equal({});
    expect(policyPatch(base, { key: 'never', scheme: 'on-request', scope: 'all', scores: 'shown' })).to.deep.equal({ showKey: false, showScheme: true });
    const always = { key: 'always', scheme: 'never', scope: 'all', scores: 'shown' } as const;
    expect(policyPatch(base, always)).to.deep.equal({ reveal: always });
    const stored = { ...base, reveal: always };
    expect(policyPatch(stored, { ...always, key: 'on-request' })).to.deep.equal({ reveal: { ...always, key: 'on-request' } });
  });

  it("limits scope 'not-full-marks' to questions where points were lost", () => {
    const p = { key: 'on-request', scheme: 'on-request', scope: 'not-full-marks', scores: 'shown' } as const;
    expect(revealInScope(p, 2, 2)).to.equal(false);
    expect(revealInScope(p, 1.5, 2)).to.equal(true);
    expect(revealInScope({ ...p, scope: 'all' }, 2, 2)).to.equal(true);
  });

  it('lengthens the limit by the extra time exactly', () => {
    expect(limitMs(30)).to.equal(30 * 60_000);
    expect(limitMs(30, 25)).to.equal(37.5 * 60_000);
    expect(limitMs(45, 100)).to.equal(90 * 60_000);
  });
});
