/** /api/audit (admin only): the audit log as JSON pages or a complete CSV export, with the chain's verdict. */
import { Router } from 'express';
import { AuditQuery, type AuditDto } from '../../../shared/protocol.ts';
import { auditCsv, isTimeZone } from '../../audit/csv.ts';
import { auditNames } from '../../audit/names.ts';
import { AuditFilterError, auditMatcher } from '../../audit/filter.ts';
import type { Ctx } from '../context.ts';
import { parse } from '../errors.ts';
import { refusal } from '../../../shared/refusals.ts';

const serverTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function auditRoutes(ctx: Ctx): Router {
  const { store, auth } = ctx;
  const r = Router();
  r.use(auth.requireAdmin);

  r.get('/', async (req, res) => {
    const q = parse(AuditQuery, req.query);
    let match;
    try {
      match = auditMatcher(q);
    } catch (e) {
      if (e instanceof AuditFilterError) throw refusal('invalid-input', 'invalid-audit-date');
      throw e;
    }
    // an export is always complete; only the JSON list is paged, and only when asked: a page is read from the
    // end of the log as far as it needs, so its cost does not grow with the log
    const page = q.format === 'csv' || q.limit === undefined
      ? { events: (await store.audit.readAll()).filter(match) }
      : await store.audit.page(match, q.limit, q.before);
    const verdict = await store.audit.verify();
    if (q.format === 'csv') {
      if (q.tz !== undefined && !isTimeZone(q.tz)) throw refusal('invalid-input', 'unknown-time-zone', { tz: q.tz });
      const csv = auditCsv(page.events, { delimiter: q.delimiter, timeZone: q.tz ?? serverTimeZone(), lang: q.lang, names: auditNames(store) });
      // a byte order mark, so that Excel reads the UTF-8 (names with ë, é) as UTF-8
      res.type('text/csv; charset=utf-8').attachment('inzage-audit.csv').send(`\uFEFF${csv}`);
      return;
    }
    res.json({ ...page, verified: verdict.ok, ...(verdict.problem ? { problem: verdict.problem } : {}) } satisfies AuditDto);
  });

  return r;
}
