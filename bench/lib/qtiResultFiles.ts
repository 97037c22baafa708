/**
 * QTI 3.0 results files (`assessmentResult`) as a testing platform exports them, one per candidate, and the exam
 * they answer: shaped like the real ones under tests/fixtures/qti-results/ (context with a session identifier,
 * a test duration and SCORE, per item the built-in numAttempts and completionStatus variables, the
 * candidate's responses and usually a SCORE), with varied responses. Deterministic for a seed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultsExam } from '../../server/import/results/index.ts';
import type { ItemPart, ItemQuestion } from '../../shared/schema.ts';

export interface ResultFilesOptions {
  files: number;
  items?: number;
  /** candidates per group (one folder each) */
  groupSize?: number;
  seed?: number;
}

export interface ResultFiles {
  exam: ResultsExam;
  /** one folder per group */
  groups: { id: string; dir: string; files: number }[];
  bytes: number;
}

const EXAM_ID = 'BENCH-QTI-2026';
const CHOICES = ['ChoiceA', 'ChoiceB', 'ChoiceC', 'ChoiceD'];
const WORDS = 'de druk stijgt omdat het volume kleiner wordt en de temperatuur gelijk blijft zodat de moleculen vaker tegen de wand botsen'.split(' ');

/** The kinds of item the exam cycles through, each with how a candidate answers it. */
type Kind = 'choice' | 'multiple' | 'textEntry' | 'numeric' | 'order' | 'match' | 'extendedText';
const KINDS: Kind[] = ['choice', 'choice', 'multiple', 'textEntry', 'numeric', 'choice', 'order', 'match', 'choice', 'extendedText'];

function part(kind: Kind): ItemPart {
  const labels = (ids: string[]) => ids.map((id) => ({ id, text: id }));
  switch (kind) {
    case 'choice': return { id: 'RESPONSE', interaction: 'choice', cardinality: 'single', baseType: 'identifier', choices: labels(CHOICES), key: ['ChoiceB'], maxScore: 1 };
    case 'multiple': return { id: 'RESPONSE', interaction: 'choice', cardinality: 'multiple', baseType: 'identifier', choices: labels(CHOICES), key: ['ChoiceA', 'ChoiceC'], maxScore: 2 };
    case 'textEntry': return { id: 'RESPONSE', interaction: 'textEntry', cardinality: 'single', baseType: 'string', key: ['Utrecht'], maxScore: 1 };
    case 'numeric': return { id: 'RESPONSE', interaction: 'textEntry', cardinality: 'single', baseType: 'float', key: ['3.14'], maxScore: 1 };
    case 'order': return { id: 'RESPONSE', interaction: 'order', cardinality: 'ordered', baseType: 'identifier', choices: labels(['A', 'B', 'C', 'D']), key: ['A', 'B', 'C', 'D'], maxScore: 1 };
    case 'match': return { id: 'RESPONSE', interaction: 'match', cardinality: 'multiple', baseType: 'directedPair', choices: labels(['P', 'Q', 'R']), targets: labels(['X', 'Y', 'Z']), key: ['P X', 'Q Y', 'R Z'], maxScore: 3 };
    case 'extendedText': return { id: 'RESPONSE', interaction: 'extendedText', cardinality: 'single', baseType: 'string', maxScore: 4 };
  }
}

export function resultsExam(items = 40): ResultsExam {
  const questions: ItemQuestion[] = [];
  for (let i = 1; i <= items; i++) {
    const p = part(KINDS[(i - 1) % KINDS.length]!);
    questions.push({ id: `item-${i}`, number: i, maxScore: p.maxScore!, stem: '', type: 'item', parts: [p] });
  }
  return { id: EXAM_ID, questions };
}

/** A small linear congruential generator: the same files for the same seed. */
function random(seed: number) {
  let x = seed >>> 0 || 1;
  return (k: number) => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x % k;
  };
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const variable = (tag: 'responseVariable' | 'outcomeVariable', id: string, cardinality: string, baseType: string | undefined, values: string[]) => {
  const type = baseType ? ` baseType="${baseType}"` : '';
  const vals = values.map((v) => `<value>${escape(v)}</value>`).join('');
  return tag === 'responseVariable'
    ? `    <responseVariable identifier="${id}" cardinality="${cardinality}"${type}>\n      <candidateResponse>${vals}</candidateResponse>\n    </responseVariable>\n`
    : `    <outcomeVariable identifier="${id}" cardinality="${cardinality}"${type}>${vals}</outcomeVariable>\n`;
};

function answer(kind: Kind, rand: (k: number) => number): string[] {
  const pick = <T>(xs: readonly T[]) => xs[rand(xs.length)]!;
  switch (kind) {
    case 'choice': return [pick(CHOICES)];
    case 'multiple': return CHOICES.filter(() => rand(2) === 0);
    case 'textEntry': return [pick(['Utrecht', 'utrecht', 'Amsterdam', 'Utreg', ''])];
    case 'numeric': return [pick(['3,14', '3.14', '3,1', '22/7', '3'])];
    case 'order': return ['A', 'B', 'C', 'D'].sort(() => rand(3) - 1);
    case 'match': return ['P', 'Q', 'R'].map((p) => `${p} ${pick(['X', 'Y', 'Z'])}`);
    case 'extendedText': return [Array.from({ length: 10 + rand(40) }, () => pick(WORDS)).join(' ') + '.'];
  }
}

function resultFile(candidate: string, exam: ResultsExam, rand: (k: number) => number): string {
  const day = Date.UTC(2026, 4, 12, 7, 0, 0);
  const started = day + rand(60) * 60_000;
  const stamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, '+00:00');
  const items = exam.questions.map((q, i) => {
    const kind = KINDS[i % KINDS.length]!;
    const p = (q as ItemQuestion).parts[0]!;
    const values = answer(kind, rand);
    // most platforms score closed items; open ones are often left to the teacher (no SCORE)
    const scored = kind !== 'extendedText' && rand(10) > 0;
    return `  <itemResult identifier="${q.id}" sequenceIndex="${i + 1}" datestamp="${stamp(started + (i + 1) * 120_000)}" sessionStatus="final">\n` +
      variable('responseVariable', 'numAttempts', 'single', 'integer', [String(1 + rand(2))]) +
      variable('responseVariable', 'RESPONSE', p.cardinality, p.baseType, values) +
      variable('outcomeVariable', 'completionStatus', 'single', 'identifier', ['completed']) +
      (scored ? variable('outcomeVariable', 'SCORE', 'single', 'float', [String(rand((q.maxScore ?? 1) + 1))]) : '') +
      '  </itemResult>\n';
  });
  const submitted = started + (exam.questions.length + 1) * 120_000;
  return '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<assessmentResult xmlns="http://www.imsglobal.org/xsd/imsqti_result_v3p0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n' +
    `  <context sourcedId="${candidate}">\n    <sessionIdentifier sourceID="https://toets.example.nl" identifier="sessie-${candidate}"/>\n  </context>\n` +
    `  <testResult identifier="${exam.id}" datestamp="${stamp(submitted)}">\n` +
    variable('responseVariable', 'duration', 'single', 'duration', [String((submitted - started) / 1000)]) +
    variable('outcomeVariable', 'SCORE', 'single', 'float', [String(rand(40))]) +
    '  </testResult>\n' + items.join('') + '</assessmentResult>\n';
}

/** Writes `files` results files into `dir`, one folder per group of `groupSize` candidates. */
export function writeResultFiles(dir: string, { files, items = 40, groupSize = 250, seed = 1313 }: ResultFilesOptions): ResultFiles {
  const exam = resultsExam(items);
  const rand = random(seed);
  const groups: ResultFiles['groups'] = [];
  let bytes = 0;
  for (let start = 0; start < files; start += groupSize) {
    const id = `bench-${groups.length + 1}`;
    const groupDir = join(dir, id);
    mkdirSync(groupDir, { recursive: true });
    const n = Math.min(groupSize, files - start);
    for (let k = 0; k < n; k++) {
      const candidate = String(100_000 + start + k);
      const xml = resultFile(candidate, exam, rand);
      bytes += Buffer.byteLength(xml);
      writeFileSync(join(groupDir, `${candidate}.xml`), xml);
    }
    groups.push({ id, dir: groupDir, files: n });
  }
  return { exam, groups, bytes };
}
