/**
 * A large, deterministic data set for the benchmark (and for tests that want volume): a handful of exams with
 * every question type, candidates who each sat every exam, groups of `groupSize` candidates per exam, and a
 * sitting with a response to every question.
 *
 *   writeDataset(dir, { sittings: 100_000 })  straight into a data directory (or an open Store)
 *   importFile({ sittings: 10_000 })          the same data as an inzage/v1 import file
 *   generateDataset({ sittings: 600 })        the data in memory (sittings made per group on demand)
 */
import type { Candidate, Exam, Group, Question, Sitting } from '../shared/domain.ts';
import type { ImportedSitting, ImportFile } from '../shared/schema.ts';
import { openStore, type Store } from '../server/store/index.ts';

export interface DatasetSize {
  sittings: number;
  /** candidates per group (the last group of an exam may be smaller); default 300 */
  groupSize?: number;
  questionsPerExam?: number; // default 40
  exams?: number; // default 5
  seed?: number;
  /** review windows are open around this time; default now */
  now?: number;
}

export interface Dataset {
  exams: Exam[];
  candidates: Candidate[];
  groups: Group[];
  /** the group's sittings, made on demand (they are the bulk) */
  sittingsOf(group: Group): Sitting[];
  sittingCount: number;
}

const SUBJECTS = [['Geschiedenis', 'gs'], ['Biologie', 'bi'], ['Wiskunde', 'wi'], ['Nederlands', 'ne'], ['Engels', 'en'], ['Economie', 'ec'], ['Aardrijkskunde', 'ak']] as const;
const FIRST = ['Sanne', 'Daan', 'Emma', 'Lucas', 'Julia', 'Sem', 'Tess', 'Milan', 'Zoë', 'Noah', 'Fenna', 'Levi', 'Lotte', 'Finn', 'Anouk', 'Bram'];
const LAST = [['de', 'Vries'], ['', 'Jansen'], ['van', 'Dijk'], ['', 'Bakker'], ['', 'Visser'], ['', 'Smit'], ['van den', 'Berg'], ['', 'Mulder'], ['de', 'Boer'], ['', 'Meijer'], ['van der', 'Linden'], ['', 'Peters']] as const;
const WORDS = 'de het een leerling antwoord bron tabel grafiek verklaar noem twee redenen waarom tijdens periode invloed gevolg oorzaak tekst figuur'.split(' ');

/** mulberry32: small, fast, deterministic (also the chaos run's generator, so a failing run repeats by its seed) */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}
type Rng = ReturnType<typeof rng>;

const sentence = (r: Rng, words: number) => Array.from({ length: words }, () => r.pick(WORDS)).join(' ');
const labels = (prefix: string, n: number, r: Rng) => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i + 1}`, text: sentence(r, 3 + r.int(3)) }));

function question(n: number, r: Rng): Question {
  const base = { id: `q${n}`, number: n, maxScore: 1 + (n % 3), stem: `<p>Vraag ${n}. ${sentence(r, 18)}.</p><p><em>${sentence(r, 8)}</em></p>` };
  switch (n % 7) {
    case 0: return { ...base, type: 'open', scheme: `<p>1 punt: ${sentence(r, 10)}; 1 punt: ${sentence(r, 10)}.</p>` };
    case 1: return { ...base, type: 'choice', options: labels('O', 4, r).map((o, i) => ({ ...o, id: 'ABCD'[i]! })), multiple: false, key: [r.pick(['A', 'B', 'C', 'D'])] };
    case 2: return { ...base, type: 'choice', options: labels('O', 4, r).map((o, i) => ({ ...o, id: 'ABCD'[i]! })), multiple: true, key: ['A', 'C'] };
    case 3: return { ...base, type: 'order', items: labels('i', 4, r), key: ['i2', 'i1', 'i4', 'i3'] };
    case 4: return { ...base, type: 'match', left: labels('l', 3, r), right: labels('r', 3, r), key: [['l1', 'r2'], ['l2', 'r3'], ['l3', 'r1']] };
    case 5: return { ...base, type: 'text', key: ['1648', 'zestienachtenveertig'] };
    default: return { ...base, type: 'numeric', key: 12.5, tolerance: 0.1 };
  }
}

/** A response and its score: correct ones score full marks, wrong ones less (so an import raises no warnings). */
function response(q: Question, r: Rng): ImportedSitting['responses'][number] {
  const roll = r.next();
  if (roll < 0.03) return { questionId: q.id, response: null, score: 0 };
  const right = roll < 0.65;
  const wrongScore = q.maxScore > 1 ? r.int(q.maxScore) : 0;
  const score = right ? q.maxScore : wrongScore;
  switch (q.type) {
    case 'open': return { questionId: q.id, response: sentence(r, 8 + r.int(30)), score: r.int(q.maxScore + 1) };
    case 'choice': return { questionId: q.id, response: right ? q.key : q.multiple ? ['B'] : [q.key[0] === 'A' ? 'B' : 'A'], score };
    case 'order': return { questionId: q.id, response: right ? q.key : [...q.key].reverse(), score };
    case 'match': return { questionId: q.id, response: right ? q.key : [['l1', 'r1'], ['l2', 'r2'], ['l3', 'r3']], score };
    case 'text': return { questionId: q.id, response: right ? '1648' : 'onbekend', score };
    case 'numeric': return { questionId: q.id, response: right ? 12.5 : 10, score };
    case 'item': return { questionId: q.id, response: Object.fromEntries(q.parts.map((p) => [p.id, right ? (p.key ?? []) : []])), score };
  }
}

export function generateDataset(size: DatasetSize): Dataset {
  const groupSize = size.groupSize ?? 300;
  const examCount = Math.min(size.exams ?? 5, SUBJECTS.length);
  const perExam = (e: number) => Math.floor(size.sittings / examCount) + (e < size.sittings % examCount ? 1 : 0);
  const now = size.now ?? Date.now();
  const seed = size.seed ?? 2026;
  const r = rng(seed);

  const exams: Exam[] = SUBJECTS.slice(0, examCount).map(([subject, code], e) => ({
    id: `${code}-2026`, title: `${subject} KB`, subject, level: 'KB', central: e % 2 === 0,
    review: { allowed: true, opensAt: new Date(now - 86_400_000).toISOString(), closesAt: new Date(now + 30 * 86_400_000).toISOString(), maxMinutes: 60, showKey: true, showScheme: true },
    questions: Array.from({ length: size.questionsPerExam ?? 40 }, (_, i) => question(i + 1, r)),
  }));
  const candidateCount = perExam(0);
  const candidates: Candidate[] = Array.from({ length: candidateCount }, (_, i) => {
    const [prefix, last] = LAST[i % LAST.length]!;
    return { number: String(100_000 + i), firstName: FIRST[(i * 7) % FIRST.length]!, ...(prefix ? { lastNamePrefix: prefix } : {}), lastName: last, className: `4K${1 + (i % 4)}` };
  });
  const groups: Group[] = [];
  exams.forEach((exam, e) => {
    for (let from = 0, g = 1; from < perExam(e); from += groupSize, g++) {
      const numbers = candidates.slice(from, Math.min(from + groupSize, perExam(e))).map((c) => c.number);
      const day = String(10 + e).padStart(2, '0');
      groups.push({ id: `g-${exam.id}-${g}`, name: `${exam.title} — groep ${g}`, examId: exam.id, startsAt: `2026-05-${day}T09:00:00+02:00`, location: `lokaal ${g}`, candidateNumbers: numbers });
    }
  });
  const examsById = new Map(exams.map((x) => [x.id, x]));

  const sittingsOf = (group: Group): Sitting[] => {
    const exam = examsById.get(group.examId)!;
    const maxScore = exam.questions.reduce((s, q) => s + q.maxScore, 0);
    const gr = rng(seed ^ hash(group.id));
    return group.candidateNumbers.map((number) => {
      const responses = exam.questions.map((q) => response(q, gr));
      const totalScore = responses.reduce((s, x) => s + x.score, 0);
      return {
        id: sittingId(exam.id, number), groupId: group.id, examId: exam.id, candidateNumber: number,
        startedAt: group.startsAt, submittedAt: group.startsAt.replace('T09:', 'T10:'),
        grade: Math.round((1 + (9 * totalScore) / maxScore) * 10) / 10, responses, totalScore, maxScore,
      };
    });
  };
  return { exams, candidates, groups, sittingsOf, sittingCount: size.sittings };
}

export const sittingId = (examId: string, candidateNumber: string) => `s-${examId}-${candidateNumber}`;

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * Writes the data set through the store (of a data directory, or one already open), a few thousand sittings
 * per write; returns the data set.
 */
export async function writeDataset(target: string | Store, size: DatasetSize, onProgress?: (done: number) => void): Promise<Dataset> {
  const data = generateDataset(size);
  const store = typeof target === 'string' ? openStore(target) : target;
  await store.content.apply({ exams: data.exams, candidates: data.candidates, groups: data.groups });
  let batch: Sitting[] = [];
  let done = 0;
  for (const g of data.groups) {
    batch.push(...data.sittingsOf(g));
    if (batch.length >= 9_000) {
      await store.content.apply({ sittings: batch });
      done += batch.length;
      onProgress?.(done);
      batch = [];
    }
  }
  if (batch.length) await store.content.apply({ sittings: batch });
  onProgress?.(data.sittingCount);
  await store.flush();
  return data;
}

/** The same data as an inzage/v1 import file (sittings without the stored totals). */
export function importFile(size: DatasetSize): ImportFile {
  const data = generateDataset(size);
  const sittings = data.groups.flatMap((g) => data.sittingsOf(g).map(({ examId: _e, totalScore: _t, maxScore: _m, ...s }) => s));
  return { format: 'inzage/v1', exams: data.exams, candidates: data.candidates, groups: data.groups, sittings };
}
