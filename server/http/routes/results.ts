/**
 * /api/groups, /api/groups/:id/results, /api/candidates?q=, /api/candidates/:number/sittings — staff (supervisor or
 * admin).
 */
import { Router } from 'express';
import type { Exam, Group } from '../../../shared/domain.ts';
import {
  CandidateSearchQuery, type CandidateHitDto, type CandidateSearchDto, type CandidateSittingDto, type CandidateSittingsDto, type GroupDto,
  type ResultsDto,
} from '../../../shared/protocol.ts';
import { compareNames, sortName } from '../../../shared/names.ts';
import { displayName, matchesSearch, reviewStatus } from '../../../shared/rules.ts';
import type { Ctx } from '../context.ts';
import { ResultsCache } from '../resultsCache.ts';
import { param, parse } from '../errors.ts';
import { refusal } from '../../../shared/refusals.ts';

/** At most this many candidates in a search answer; a longer query narrows it. */
const SEARCH_LIMIT = 25;

export function resultsRoutes(ctx: Ctx): Router {
  const { store, clock, auth, engine } = ctx;
  const content = store.content;
  const r = Router();
  r.use(auth.requireStaff());

  const groupDto = (g: Group, now: number): GroupDto => {
    const exam = content.exam(g.examId);
    return {
      id: g.id, name: g.name, examId: g.examId, examTitle: exam?.title ?? '', startsAt: g.startsAt,
      candidateCount: g.candidateNumbers.length, ...(g.location ? { location: g.location } : {}),
      // an import never leaves a group without its exam; should one appear, no review can start for it
      reviewStatus: exam ? reviewStatus(exam.review, now) : 'not-allowed',
    };
  };
  const reviewOf = (exam: Exam, now: number) => ({
    allowed: exam.review.allowed, opensAt: exam.review.opensAt ?? null, closesAt: exam.review.closesAt ?? null,
    status: reviewStatus(exam.review, now), maxMinutes: exam.review.maxMinutes,
  });
  const activeBySitting = () => new Map(engine.active().map((s) => [s.sittingId, s.id]));

  r.get('/groups', (_req, res) => {
    const groups = content.groups().sort((a, b) => b.startsAt.localeCompare(a.startsAt) || a.name.localeCompare(b.name, 'nl'));
    const now = clock.now();
    res.json(groups.map((g) => groupDto(g, now)) satisfies GroupDto[]);
  });

  // the rows per group built once per content generation, the running reviews filled in per request (resultsCache.ts)
  const overview = new ResultsCache(content);
  // every group built in the background once the content is read, paced to the server's load (resultsCache.ts);
  // content that cannot be read stops the server elsewhere
  content.ready().then(() => overview.warm(), () => undefined);
  r.get('/groups/:id/results', (req, res) => {
    const group = content.group(param(req, 'id'));
    const exam = group && content.exam(group.examId);
    if (!group || !exam) throw refusal('not-found', 'no-such-group');
    const now = clock.now();
    const head = { group: groupDto(group, now), exam: { id: exam.id, title: exam.title, central: exam.central, review: reviewOf(exam, now) } } satisfies Omit<ResultsDto, 'rows'>;
    // the bytes of ResultsDto as res.json would send them (the charset res.json names, the ETag it gets)
    res.set('Content-Type', 'application/json; charset=utf-8').send(overview.answer(group, head, activeBySitting()));
  });

  /** Find a candidate who walks up to the desk: by examination number (its start) or by name, class too. */
  r.get('/candidates', (req, res) => {
    const { q } = parse(CandidateSearchQuery, req.query);
    const number = q.replace(/\s+/g, '');
    const running = new Map(engine.active().map((s) => [content.sittingSummary(s.sittingId)?.candidateNumber, s.id]));
    const hits: (CandidateHitDto & { rank: number; sortKey: string })[] = [];
    for (const c of content.candidates()) {
      const name = displayName(c);
      const rank = c.number === number ? 0 : c.number.startsWith(number) ? 1 : matchesSearch(q, name, c.className) ? 2 : -1;
      if (rank < 0) continue;
      hits.push({
        number: c.number, name, ...(c.className ? { className: c.className } : {}),
        sittingCount: content.sittingsOfCandidate(c.number).length, reviewId: running.get(c.number) ?? null, rank, sortKey: rank < 2 ? c.number : sortName(c),
      });
    }
    hits.sort((a, b) => a.rank - b.rank || compareNames(a.sortKey, b.sortKey) || a.number.localeCompare(b.number));
    res.json({
      candidates: hits.slice(0, SEARCH_LIMIT).map(({ rank: _r, sortKey: _s, ...hit }) => hit),
      more: hits.length > SEARCH_LIMIT,
    } satisfies CandidateSearchDto);
  });

  r.get('/candidates/:number/sittings', (req, res) => {
    const number = param(req, 'number');
    const c = content.candidate(number);
    if (!c) throw refusal('not-found', 'no-such-candidate');
    const active = activeBySitting();
    const sittings = content.sittingsOfCandidate(number).flatMap((s) => {
      const exam = content.exam(s.examId);
      const group = content.group(s.groupId);
      if (!exam || !group) return [];
      return [{
        sittingId: s.id, groupId: group.id, groupName: group.name, examId: exam.id, examTitle: exam.title, central: exam.central,
        startedAt: s.startedAt, submittedAt: s.submittedAt, totalScore: s.totalScore, maxScore: s.maxScore, grade: s.grade ?? null,
        reviewStatus: reviewStatus(exam.review, clock.now()), reviewId: active.get(s.id) ?? null,
      } satisfies CandidateSittingDto];
    });
    sittings.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
    const candidate = { number, name: displayName(c), ...(c.className ? { className: c.className } : {}), ...(c.accommodations ? { accommodations: c.accommodations } : {}) };
    res.json({ candidate, sittings } satisfies CandidateSittingsDto);
  });

  return r;
}
