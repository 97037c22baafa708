/**
 * /api/remarks (staff: supervisors and admins): the examiner's queue of candidates' remarks, as JSON or CSV, and
 * marking one handled with a reply note (review/remarks.ts).
 */
import { Router } from 'express';
import { RemarkPatch, RemarksQuery, type RemarkDto, type RemarkListDto } from '../../../shared/protocol.ts';
import { isTimeZone } from '../../audit/csv.ts';
import { remarksCsv } from '../../review/remarksCsv.ts';
import type { Ctx } from '../context.ts';
import { param, parse } from '../errors.ts';
import { refusal } from '../../../shared/refusals.ts';

const serverTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function remarkRoutes(ctx: Ctx): Router {
  const { auth, remarks } = ctx;
  const r = Router();
  r.use(auth.requireStaff());

  r.get('/', (req, res) => {
    const q = parse(RemarksQuery, req.query);
    const list = remarks.list(q);
    if (q.format === 'csv') {
      if (q.tz !== undefined && !isTimeZone(q.tz)) throw refusal('invalid-input', 'unknown-time-zone', { tz: q.tz });
      const csv = remarksCsv(list, { delimiter: q.delimiter, lang: q.lang, timeZone: q.tz ?? serverTimeZone() });
      // a byte order mark, so that Excel reads the UTF-8 as UTF-8
      res.type('text/csv; charset=utf-8').attachment('inzage-opmerkingen.csv').send(`\uFEFF${csv}`);
      return;
    }
    res.json({ remarks: list } satisfies RemarkListDto);
  });

  r.patch('/:id', async (req, res) => {
    const id = param(req, 'id');
    const patch = parse(RemarkPatch, req.body);
    res.json((await remarks.setStatus(id, patch, req.user!)) satisfies RemarkDto);
  });

  return r;
}
