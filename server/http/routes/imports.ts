/**
 * /api/imports (admin only): a dry run first, then applied. Two bodies:
 * - `application/json`: one inzage/v1 import file (as before);
 * - `multipart/form-data`: the console's files (`files`, one or more: JSON, QTI packages as zips, QTI results as
 *   XML files or a zip, candidate lists as CSV or EDEXML), each told by its content, and for results the group
 *   (`groupId`, `groupName`); all files are one import, all or nothing, as `inzage import PATH…`.
 * Either body is read only once the admin check passed, up to `LIMITS.importBytes` (inflated, if gzip-encoded).
 */
import express, { Router, type Request } from 'express';
import type { ImportResultDto } from '../../../shared/protocol.ts';
import type { ImportResult } from '../../import/index.ts';
import type { ImportInput } from '../../import/inputs/index.ts';
import type { Ctx } from '../context.ts';
import { LIMITS } from '../limits.ts';
import type { ImportIssue } from '../../../shared/i18n/importIssues.ts';
import { uncodedIssue } from '../../import/issues.ts';
import { refusal, refusalWith } from '../../../shared/refusals.ts';

/**
 * The import pipeline (XML, QTI packages, zip, CSV, HTML sanitising and their packages): loaded at the first import,
 * not when the server starts (docs/design.md: Start-up).
 */
const pipeline = async () => {
  const [{ importData }, { classifyBytes, importInputs }] = await Promise.all([import('../../import/index.ts'), import('../../import/inputs/index.ts')]);
  return { importData, classifyBytes, importInputs };
};

/** The most files one upload may hold (a class's results as separate XML files; more go in a zip). */
export const MAX_UPLOAD_FILES = 2_000;

/** `details.errors`: the lines (`path: English text`); `details.issues`: the same as coded items (docs/api.md). */
const invalid = (errors: string[], items?: ImportIssue[]) =>
  refusalWith('invalid-input', 'import-has-errors', { errors, issues: items ?? errors.map(uncodedIssue) }, { n: errors.length });

interface Upload { inputs: ImportInput[]; group?: { id: string; name?: string }; source: string }

/** The files and fields of a multipart upload; undici's own multipart parser (`Response.formData`), no dependency. */
async function readUpload(req: Request): Promise<Upload> {
  let form: FormData;
  try {
    const body = new Uint8Array(Buffer.isBuffer(req.body) ? req.body : []);
    form = await new Response(new Blob([body]), { headers: { 'content-type': String(req.headers['content-type']) } }).formData();
  } catch {
    throw refusal('invalid-input', 'upload-unreadable');
  }
  const files = form.getAll('files').filter((f): f is File => typeof f !== 'string');
  if (!files.length) throw refusal('invalid-input', 'upload-empty');
  if (files.length > MAX_UPLOAD_FILES) throw refusal('invalid-input', 'upload-too-many-files', { n: files.length, max: MAX_UPLOAD_FILES });
  const { classifyBytes } = await pipeline();
  const inputs: ImportInput[] = [];
  const errors: string[] = [];
  for (const f of files) {
    const r = classifyBytes(f.name || 'upload', new Uint8Array(await f.arrayBuffer()));
    if (r.ok) inputs.push(r.input);
    else errors.push(...r.errors);
  }
  if (errors.length) throw invalid(errors);
  const field = (name: string) => {
    const v = form.get(name);
    return typeof v === 'string' && v.trim() ? v.trim() : undefined;
  };
  const groupId = field('groupId');
  const groupName = field('groupName');
  return {
    inputs,
    ...(groupId ? { group: { id: groupId, ...(groupName ? { name: groupName } : {}) } } : {}),
    source: files.map((f) => f.name || 'upload').join(', ').slice(0, 200),
  };
}

export function importRoutes(ctx: Ctx): Router {
  const { store, auth } = ctx;
  const r = Router();

  // The body is read only once the admin check passed: nobody else can make the server read 64 MB. Any JSON
  // value is read (not only an object or array), so that a file that is JSON but no import file is answered
  // like on the CLI, with its errors by path.
  r.post(
    '/',
    auth.requireAdmin,
    express.json({ limit: LIMITS.importBytes, strict: false }),
    express.raw({ type: 'multipart/form-data', limit: LIMITS.importBytes }),
    async (req, res) => {
      const dryRun = req.query.dryRun === '1' || req.query.dryRun === 'true';
      const actor = req.user!.username;
      let result: ImportResult & { inputs?: ImportResultDto['inputs'] };
      const { importData, importInputs } = await pipeline();
      if (req.is('multipart/form-data')) {
        const upload = await readUpload(req);
        result = await importInputs(store, upload.inputs, { dryRun, actor, source: upload.source, ...(upload.group ? { group: upload.group } : {}) });
      } else {
        result = await importData(store, req.body, { dryRun, actor });
      }
      if (!result.ok) throw invalid(result.errors, result.errorItems);
      ctx.consoles.reviewsChanged();
      if (!dryRun) ctx.consoles.contentChanged('exams', 'results');
      res.json({ dryRun, counts: result.counts, exams: result.exams, warnings: result.warnings, warningIssues: result.warningItems ?? result.warnings.map(uncodedIssue), ...(result.inputs ? { inputs: result.inputs } : {}) } satisfies ImportResultDto);
    },
  );

  return r;
}
