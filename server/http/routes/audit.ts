/** /api/audit (admin only): the audit log as JSON pages or a complete CSV export, with the chain's verdict. */
import { Router } from 'express';
import { DomainError } from '../../../shared/errors.ts';
import { AuditQuery, type AuditDto } from '../../../shared/protocol.ts';
import { auditCsv } from '../../audit/csv.ts';
import { AuditFilterError, auditMatcher } from '../../audit/filter.ts';
import type { Ctx } from '../context.ts';
import { parse } from '../errors.ts';

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
      if (e instanceof AuditFilterError) throw new DomainError('invalid-input', 'Ongeldige datum in het filter.');
      throw e;
    }
    // an export is always complete; only the JSON list is paged, and only when asked: a page is read from the
    // end of the log as far as it needs, so its cost does not grow with the log
    const page = q.format === 'csv' || q.limit === undefined
      ? { events: (await store.audit.readAll()).filter(match) }
      : await store.audit.page(match, q.limit, q.before);
    const verdict = await store.audit.verify();
    if (q.format === 'csv') {
      res.type('text/csv; charset=utf-8').attachment('inzage-audit.csv').send(auditCsv(page.events));
      return;
    }
    res.json({ ...page, verified: verdict.ok, ...(verdict.problem ? { problem: verdict.problem } : {}) } satisfies AuditDto);
  });

  return r;
}
