/**
 * The examiner's queue as CSV (`GET /api/remarks?format=csv`), written like the audit export (server/audit/csv.ts):
 * the same field quoting and formula defusal, `;` for Dutch Excel, local times with their offset, headers and the
 * kinds and statuses in the reader's language.
 */
import type { RemarkKind, RemarkStatus } from '../../shared/domain.ts';
import type { RemarkDto } from '../../shared/protocol.ts';
import { csvRows, localTime, type CsvDelimiter, type CsvLang } from '../audit/csv.ts';

const WORDS: Record<CsvLang, { header: string[]; kind: Record<RemarkKind, string>; status: Record<RemarkStatus, string> }> = {
  nl: {
    header: ['examen', 'afnamegroep', 'examennummer', 'kandidaat', 'vraag', 'soort', 'opmerking', 'geplaatst', 'status', 'reactie', 'afgehandeld door', 'afgehandeld op'],
    kind: { key: 'De antwoordsleutel klopt niet', equivalent: 'Mijn antwoord is ook goed', other: 'Anders' },
    status: { open: 'open', handled: 'afgehandeld' },
  },
  en: {
    header: ['exam', 'group', 'exam number', 'candidate', 'question', 'kind', 'remark', 'placed', 'status', 'reply', 'handled by', 'handled at'],
    kind: { key: 'The answer key is wrong', equivalent: 'My answer is also right', other: 'Other' },
    status: { open: 'open', handled: 'handled' },
  },
};

export function remarksCsv(remarks: readonly RemarkDto[], opts: { delimiter?: CsvDelimiter; lang?: CsvLang; timeZone?: string } = {}): string {
  const words = WORDS[opts.lang ?? 'en'];
  const tz = opts.timeZone ?? 'UTC';
  const rows = remarks.map((r) => [
    r.examTitle, r.groupName, r.candidateNumber, r.candidateName, String(r.questionNumber), words.kind[r.kind], r.text,
    localTime(r.updatedAt, tz), words.status[r.status], r.note ?? '', r.handledBy ?? '', r.handledAt ? localTime(r.handledAt, tz) : '',
  ]);
  return csvRows([words.header, ...rows], opts.delimiter ?? ',');
}
