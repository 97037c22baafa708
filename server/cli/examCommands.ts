/** `inzage exam list`: the exams in a data directory, with the ids the other commands take (`purge --exam ID`). */
import type { Command } from 'commander';
import { reviewStatus } from '../../shared/rules.ts';
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
    .description('list exams: id, title, subject and level, questions, sittings, review')
    .addOption(dataOption())
    .action((opts: { data: string }) => withStore(dataDir(opts), ({ content }) => {
      const exams = content.exams();
      if (!exams.length) return say('No exams imported.');
      const sittings = content.sittingCounts();
      const now = Date.now();
      say(table(
        ['ID', 'TITLE', 'SUBJECT', 'QUESTIONS', 'SITTINGS', 'REVIEW'],
        exams.map((e) => [e.id, e.title, `${e.subject} ${e.level}`, String(e.questions.length), String(sittings.get(e.id) ?? 0), STATUS[reviewStatus(e.review, now)]]),
      ));
    }, { requireData: true }));
}
