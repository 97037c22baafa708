/**
 * The results overview's cache (server/http/resultsCache.ts): every group built in the background once asked to
 * (the server asks when its content is read), after which an answer builds nothing; the bytes those answers have;
 * a content change during the build. On a small in-memory content, so that what is looked up can be counted.
 */
import { expect } from 'chai';
import type { Candidate, Group } from '../../shared/domain.ts';
import { ResultsCache } from '../../server/http/resultsCache.ts';
import type { SittingSummary } from '../../server/store/content.ts';
import type { ContentRepo } from '../../server/store/repositories.ts';
import { referenceRows } from '../support/resultsReference.ts';

interface Fake { repo: ContentRepo; lookups: () => number; change(candidate: Candidate): void }

/** Groups of candidates with a sitting each, but for the last of every group; `generation` moves with `change`. */
function fakeContent(groupCount: number, perGroup: number): Fake {
  const candidates = new Map<string, Candidate>();
  const groups = new Map<string, Group>();
  const sittings = new Map<string, SittingSummary[]>();
  const first = ['Zoë', 'Daan "DJ"', 'Émile', 'Anna Maria'];
  const last: [string | undefined, string][] = [['de', 'Vries'], [undefined, "van 't Hoff"], [undefined, 'Bakker'], ['van der', 'Berg']];
  for (let g = 0; g < groupCount; g++) {
    const numbers: string[] = [];
    const list: SittingSummary[] = [];
    for (let i = 0; i < perGroup; i++) {
      const number = `${g}-${i}`;
      const [prefix, lastName] = last[(g + i) % last.length]!;
      candidates.set(number, {
        number, firstName: first[i % first.length]!, lastName, ...(prefix ? { lastNamePrefix: prefix } : {}),
        ...(i % 3 === 0 ? { className: `5H${g}` } : {}), ...(i % 5 === 0 ? { accommodations: { extraTimePercent: 25, readAloud: true } } : {}),
      });
      numbers.push(number);
      if (i < perGroup - 1) {
        list.push({ id: `s-${number}`, examId: 'e', groupId: `g${g}`, candidateNumber: number, startedAt: '', submittedAt: '', totalScore: i, maxScore: 40, ...(i % 2 ? { grade: 5.5 } : {}) } as SittingSummary);
      }
    }
    numbers.push(`unknown-${g}`); // on the group's list, in no candidate list
    groups.set(`g${g}`, { id: `g${g}`, name: `Group ${g}`, examId: 'e', startsAt: '', candidateNumbers: numbers } as Group);
    sittings.set(`g${g}`, list);
  }
  let generation = 0;
  let lookups = 0;
  const repo = {
    get generation() { return generation; },
    isReady: true,
    groups: () => [...groups.values()],
    group: (id: string) => groups.get(id),
    candidate: (number: string) => { lookups++; return candidates.get(number); },
    sittingsOfGroup: (id: string) => sittings.get(id) ?? [],
  } as unknown as ContentRepo;
  return { repo, lookups: () => lookups, change(c) { candidates.set(c.number, c); generation++; } };
}

/** The answer as the route computed it before the cache: its own objects, `JSON.stringify` of the whole. */
function reference(content: ContentRepo, group: Group, head: object, active: ReadonlyMap<string, string>): string {
  const rows = referenceRows(content, group, active);
  return JSON.stringify({ ...head, rows });
}

const head = { group: { id: 'g', name: 'Groep "A" – één' }, exam: { id: 'e', title: 'Ëxamen' } } as never;

describe('results overview cache', () => {
  it('builds every group in the background; an answer after that looks nothing up and has the bytes of before', async () => {
    const content = fakeContent(7, 12);
    const cache = new ResultsCache(content.repo);
    await cache.warm();
    const looked = content.lookups();
    expect(looked).to.equal(7 * 13);
    const active = new Map([['s-3-4', 'r-1'], ['s-3-0', 'r-"2"'], ['s-5-10', 'r-3']]);
    const answers = content.repo.groups().map((g) => [g, cache.answer(g, head, active).toString('utf8'), cache.answer(g, head, new Map()).toString('utf8')] as const);
    expect(content.lookups(), 'answered from the cache').to.equal(looked);
    for (const [g, withReviews, without] of answers) {
      expect(withReviews).to.equal(reference(content.repo, g, head, active));
      expect(without).to.equal(reference(content.repo, g, head, new Map()));
    }
    expect(answers[3]![1]).to.contain('"reviewId":"r-\\"2\\""');
  });

  it('builds the new content when it changes during the build, and answers with it', async () => {
    const content = fakeContent(40, 50);
    const cache = new ResultsCache(content.repo);
    const built = cache.warm();
    content.change({ number: '39-7', firstName: 'Nieuwe', lastName: 'Naam' });
    await built;
    const looked = content.lookups();
    const g = content.repo.group('g39')!;
    const text = cache.answer(g, head, new Map()).toString('utf8');
    expect(content.lookups(), 'answered from the cache').to.equal(looked);
    expect(text).to.equal(reference(content.repo, g, head, new Map()));
    expect(text).to.contain('"name":"Nieuwe Naam"');
  });

  it('answers a group asked for before the build reached it, built for the request', () => {
    const content = fakeContent(3, 5);
    const cache = new ResultsCache(content.repo);
    const g = content.repo.group('g2')!;
    expect(cache.answer(g, head, new Map()).toString('utf8')).to.equal(reference(content.repo, g, head, new Map()));
  });
});
