/**
 * The review record (docs/design.md: The review record) — staff (supervisor or admin):
 *   GET /api/reviews/:id/report        the report ('proces-verbaal') of one review: printable HTML, or `format=json`
 *   GET /api/groups/:id/report         a group's overview of its reviews: printable HTML, or `format=json`
 *   GET /api/groups/:id/reviews        the reviews held (and running) of a group's sittings
 *   GET /api/candidates/:number/reviews  the reviews held (and running) of a candidate's sittings
 */
import { refusal } from '../../../shared/refusals.ts';
import { Router, type Response } from 'express';
import { ReportQuery, type HeldReviewsDto, type ReviewReportDto } from '../../../shared/reviewRecord.ts';
import { isTimeZone } from '../../audit/csv.ts';
import { ReviewHistory } from '../../review/history.ts';
import { groupReportHtml, reviewReportHtml, type ReportOptions } from '../../review/report/html.ts';
import type { Ctx } from '../context.ts';
import { param, parse } from '../errors.ts';

const serverTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function reviewRecordRoutes(ctx: Ctx): Router {
  const { store, auth } = ctx;
  const history = new ReviewHistory(store, ctx.engine, ctx.clock);
  const r = Router();
  r.use(auth.requireStaff());

  const options = (query: unknown): ReportOptions & { json: boolean } => {
    const q = parse(ReportQuery, query);
    if (q.tz !== undefined && !isTimeZone(q.tz)) throw refusal('invalid-input', 'unknown-time-zone', { tz: q.tz });
    return { lang: q.lang ?? 'nl', timeZone: q.tz ?? serverTimeZone(), json: q.format === 'json' };
  };
  const sendHtml = (res: Response, html: string) => res.type('text/html; charset=utf-8').send(html);

  r.get('/reviews/:id/report', async (req, res) => {
    const o = options(req.query);
    const report = await history.report(param(req, 'id'));
    if (o.json) res.json(report satisfies ReviewReportDto);
    else sendHtml(res, reviewReportHtml(report, o));
  });

  r.get('/groups/:id/report', (req, res) => {
    const o = options(req.query);
    const report = history.groupReport(param(req, 'id'));
    if (o.json) res.json(report);
    else sendHtml(res, groupReportHtml(report, o));
  });

  r.get('/groups/:id/reviews', (req, res) => {
    const group = store.content.group(param(req, 'id'));
    if (!group) throw refusal('not-found', 'no-such-group');
    const held = history.ofSittings(new Set(store.content.sittingsOfGroup(group.id).map((s) => s.id)));
    res.json({ reviews: held.map((h) => history.dto(h)) } satisfies HeldReviewsDto);
  });

  r.get('/candidates/:number/reviews', (req, res) => {
    const number = param(req, 'number');
    if (!store.content.candidate(number)) throw refusal('not-found', 'no-such-candidate');
    const held = history.ofSittings(new Set(store.content.sittingsOfCandidate(number).map((s) => s.id)));
    res.json({ reviews: held.map((h) => history.dto(h)) } satisfies HeldReviewsDto);
  });

  return r;
}
