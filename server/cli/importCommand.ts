/**
 * `inzage import PATH… [--group ID] [--group-name NAME] [--dry-run]` (docs/import-format.md, README, Command
 * line): the command's options; what it runs is in importRun.ts, loaded only when the command runs.
 */
import type { Command } from 'commander';
import { DEFAULT_EXAM_FIELDS } from '../import/qti/defaults.ts';
import { dataOption } from './common.ts';
import type { ImportOpts } from './importRun.ts';

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import exams, candidates, groups and sittings: inzage/v1 JSON, QTI packages, QTI results, candidate lists (all paths at once, all or nothing, idempotent)')
    .argument('<paths...>', 'each an inzage/v1 JSON file, a QTI content package (.zip, or a folder with imsmanifest.xml), QTI results (an assessmentResult file, a folder or a zip of them) or a candidate list (CSV or EDEXML)')
    .option('--dry-run', 'check everything and show what would change, without writing anything')
    .option('--group <id>', 'QTI results: the group (afnamegroep) they go into; created when it does not exist')
    .option('--group-name <name>', 'QTI results: the name of the group (default: its id)')
    .option('--subject <name>', `QTI package: the exams' subject (default "${DEFAULT_EXAM_FIELDS.subject}")`)
    .option('--level <name>', `QTI package: the exams' level (default "${DEFAULT_EXAM_FIELDS.level}")`)
    .option('--central', 'QTI package: the exams are central exams')
    .addOption(dataOption())
    .action(async (paths: string[], opts: ImportOpts) => (await import('./importRun.ts')).runImport(paths, opts));
}

