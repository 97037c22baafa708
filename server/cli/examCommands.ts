/**
 * `inzage exam list`: the exams in a data directory, with the ids the other commands take (`purge --exam ID`), and
 * until when the server's retention purge keeps each exam's candidate data (docs/design.md: Privacy, Retention).
 */
import type { Command } from 'commander';
import { retentionEnd, reviewStatus } from '../../shared/rules.ts';
import { retentionDaysFrom } from '../config.ts';
import type { StoredExam } from '../store/examCatalog.ts';
import { dataDir, dataOption, say, table, withStore } from './common.ts';

const STATUS: Record<ReturnType<typeof reviewStatus>, string> = {
  'not-allowed': 'no review',
  'not-open': 'not yet open',
  open: 'open',
  expired: 'closed',
};

export function registerExam(program: Command): void {
  const exam = program.command('exam').description('exams (import them with inzage import; their review settings are set in the console)');
  exam
    .command('list')
    .description('list exams: id, title, subject and level, questions, sittings, review, until when their candidate data is kept (INZAGE_RETENTION_DAYS)')
    .addOption(dataOption())
    .action((opts: { data: string }) => withStore(dataDir(opts), ({ content }) => {
      const exams = content.exams();
      if (!exams.length) return say('No exams imported.');
      const sittings = content.sittingCounts();
      const holding = new Set([...sittings.keys(), ...content.groups().map((g) => g.examId)]);
      const days = retentionDaysFrom(process.env.INZAGE_RETENTION_DAYS);
      const now = Date.now();
      say(table(
        ['ID', 'TITLE', 'SUBJECT', 'QUESTIONS', 'SITTINGS', 'REVIEW', 'DATA KEPT UNTIL'],
        exams.map((e) => [
          e.id, e.title, `${e.subject} ${e.level}`, String(e.questions.length), String(sittings.get(e.id) ?? 0), STATUS[reviewStatus(e.review, now)],
          holding.has(e.id) ? keptUntil(e, days) : '-',
        ]),
      ));
    }, { requireData: true }));
}

/** `2027-06-25 06:00 UTC (180 days after the import)`: the date the server's retention purge uses, and why. */
export function keptUntil(e: StoredExam, days: number): string {
  const { until, explicit, basis } = retentionEnd(e, days);
  if (!until) return 'no date (set one in the console)';
  const when = `${until.slice(0, 10)} ${until.slice(11, 16)} UTC`;
  if (explicit) return `${when} (set for this exam)`;
  // candidate data of an older build: the server's next start counts it as imported then (privacy/importTimes.ts)
  if (!e.dataImportedAt) return `${when} at the earliest (older data: ${days} days after the next server start)`;
  return `${when} (${days} days after the ${basis === 'import' ? 'import' : 'review'})`;
}
