import { expect } from 'chai';
import { displayName, formatPairingCode, isCorrect, matchesSearch, normalizePairingCode, reviewStatus, searchText } from '../../shared/rules.ts';
import type { Question } from '../../shared/domain.ts';

describe('shared rules', () => {
  const review = { allowed: true, opensAt: '2026-06-01T08:00:00+02:00', closesAt: '2026-06-12T17:00:00+02:00', maxMinutes: 45, showKey: true, showScheme: true };

  it('tells the review status from the window', () => {
    expect(reviewStatus(review, Date.parse('2026-05-31T12:00:00Z'))).to.equal('not-open');
    expect(reviewStatus(review, Date.parse('2026-06-05T12:00:00Z'))).to.equal('open');
    expect(reviewStatus(review, Date.parse('2026-06-12T15:00:00Z'))).to.equal('expired');
    expect(reviewStatus({ ...review, allowed: false }, Date.parse('2026-06-05T12:00:00Z'))).to.equal('not-allowed');
    expect(reviewStatus({ ...review, opensAt: undefined, closesAt: undefined }, 0)).to.equal('open');
  });

  it('displays names with their prefix', () => {
    expect(displayName({ number: '1', firstName: 'Sanne', lastNamePrefix: 'de', lastName: 'Vries' })).to.equal('Sanne de Vries');
    expect(displayName({ number: '2', firstName: 'Mohammed', lastName: 'El Amrani' })).to.equal('Mohammed El Amrani');
  });

  it('displays a candidate known by number only (from QTI results, in no candidate list) by the number', () => {
    expect(displayName({ number: '100240' })).to.equal('100240');
  });

  it('formats and normalises pairing codes', () => {
    expect(formatPairingCode('ACD347')).to.equal('ACD-347');
    expect(normalizePairingCode(' acd-347 ')).to.equal('ACD347');
  });

  it('judges closed responses against the key', () => {
    const base = { id: 'q', number: 1, maxScore: 1, stem: '' };
    const choice = { ...base, type: 'choice', options: [{ id: 'A', text: '' }, { id: 'B', text: '' }], multiple: true, key: ['A', 'B'] } as Question;
    expect(isCorrect(choice, ['B', 'A'])).to.equal(true);
    expect(isCorrect(choice, ['A'])).to.equal(false);
    expect(isCorrect(choice, null)).to.equal(false);
    const order = { ...base, type: 'order', items: [], key: ['b', 'a'] } as unknown as Question;
    expect(isCorrect(order, ['b', 'a'])).to.equal(true);
    expect(isCorrect(order, ['a', 'b'])).to.equal(false);
    const match = { ...base, type: 'match', left: [], right: [], key: [['l1', 'r1'], ['l2', 'r2']] } as unknown as Question;
    expect(isCorrect(match, [['l2', 'r2'], ['l1', 'r1']])).to.equal(true);
    expect(isCorrect(match, [['l1', 'r2'], ['l2', 'r1']])).to.equal(false);
    const text = { ...base, type: 'text', key: ['1648'] } as Question;
    expect(isCorrect(text, ' 1648 ')).to.equal(true);
    const cs = { ...base, type: 'text', key: ['Utrecht'], caseSensitive: true } as Question;
    expect(isCorrect(cs, 'utrecht')).to.equal(false);
    expect(isCorrect({ ...base, type: 'text', key: ['Utrecht'] } as Question, 'utrecht')).to.equal(true);
    const num = { ...base, type: 'numeric', key: 12.5, tolerance: 0.1 } as Question;
    expect(isCorrect(num, 12.58)).to.equal(true);
    expect(isCorrect(num, 12.7)).to.equal(false);
    expect(isCorrect({ ...base, type: 'open', scheme: '' } as Question, 'x')).to.equal(undefined);
  });

  it('searches names without regard to case, diacritics or extra spaces, every word somewhere', () => {
    expect(searchText('  Zoë   ÖZDEMIR ')).to.equal('zoe ozdemir');
    expect(matchesSearch('zoe', 'Zoë Özdemir')).to.equal(true);
    expect(matchesSearch('ÖZDEM zo', 'Zoë Özdemir')).to.equal(true);
    expect(matchesSearch('de vries', 'Sanne de Vries', '4K1')).to.equal(true);
    expect(matchesSearch('sanne 4k1', 'Sanne de Vries', '4K1')).to.equal(true);
    expect(matchesSearch('sanne 4k2', 'Sanne de Vries', '4K1')).to.equal(false);
    expect(matchesSearch('', 'anything')).to.equal(true);
    expect(matchesSearch('x', undefined)).to.equal(false);
  });
});
