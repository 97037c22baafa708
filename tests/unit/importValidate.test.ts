import { expect } from 'chai';
import { validateImport, type KnownContent, type ValidationResult } from '../../server/import/index.ts';
import type { Exam, Group } from '../../shared/domain.ts';
import { EXAM_ID, GROUP_ID, exampleImport, type Json } from '../support/importFixture.ts';

function errorsOf(r: ValidationResult): string[] {
  if (r.ok) throw new Error('expected the import to be refused');
  return r.errors;
}

/** The example with one change applied. */
function broken(change: (f: Json) => void): string[] {
  const f = exampleImport();
  change(f);
  return errorsOf(validateImport(f));
}

describe('import validation', () => {
  it('accepts a file with every question type and every response shape, without warnings', () => {
    const r = validateImport(exampleImport());
    expect(r.ok, r.ok ? '' : r.errors.join('\n')).to.equal(true);
    expect(r.warnings).to.deep.equal([]);
  });

  it('takes an exam\'s retention date only as a date-time after its review window', () => {
    const f = exampleImport();
    f.exams[0].retainUntil = '2026-12-31T00:00:00+01:00';
    expect(validateImport(f).ok).to.equal(true);
    expect(broken((x) => { x.exams[0].retainUntil = '2026-06-01T00:00:00+02:00'; })).to.deep.equal(['exams[0].retainUntil: must be after the end of the review window (review.closesAt)']);
    expect(broken((x) => { x.exams[0].retainUntil = 'december'; })[0]).to.match(/^exams\[0\]\.retainUntil: /);
  });

  it('fills in defaults of the schema', () => {
    const f = exampleImport();
    delete f.exams[0].questions[0].multiple;
    delete f.exams[0].questions[5].tolerance;
    f.exams[0].questions[5].key = 12.5;
    f.sittings[0].responses[5].response = 12.5;
    const r = validateImport(f);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const [q1, , , , , q6] = r.data.exams[0]!.questions;
    expect(q1).to.include({ type: 'choice', multiple: false });
    expect(q6).to.include({ type: 'numeric', tolerance: 0 });
  });

  describe('reports each error with its JSON path', () => {
    const cases: [string, (f: Json) => void, string][] = [
      ['a wrong format', (f) => { f.format = 'inzage/v2'; }, 'format: must be "inzage/v1"'],
      ['an unknown top-level field', (f) => { f.extra = 1; }, '(root): Unrecognized key: "extra"'],
      ['a value out of range', (f) => { f.exams[0].review.maxMinutes = 3; }, 'exams[0].review.maxMinutes: at least 5'],
      ['a date without a time zone', (f) => { f.groups[0].startsAt = '2026-05-20T09:00:00'; }, 'groups[0].startsAt: must be an ISO 8601 date-time with a time zone'],
      ['an unknown question type', (f) => { f.exams[0].questions[4].type = 'essay'; },
        "exams[0].questions[4].type: Invalid discriminator value. Expected 'choice' | 'order' | 'match' | 'text' | 'numeric' | 'open' | 'item'"],
      ['a response of no known shape', (f) => { f.sittings[0].responses[0].response = { B: true }; },
        'sittings[0].responses[0].response: must be null, a string, a number, a list of ids, a list of [left, right] pairs or an object from part id to a list of values'],
      ['a negative score', (f) => { f.sittings[1].responses[0].score = -1; }, 'sittings[1].responses[0].score: Too small: expected number to be >=0'],
      ['a duplicate exam id', (f) => { f.exams.push(exampleImport().exams[0]); }, `exams[1].id: duplicate exam id "${EXAM_ID}"`],
      ['a duplicate question number', (f) => { f.exams[0].questions[6].number = 2; }, 'exams[0].questions[6].number: duplicate question number 2 (also questions[1])'],
      ['a duplicate question id', (f) => { f.exams[0].questions[6].id = 'q5'; }, 'exams[0].questions[6].id: duplicate question id "q5" (also questions[4])'],
      ['a duplicate option id', (f) => { f.exams[0].questions[1].options[3].id = 'A'; }, 'exams[0].questions[1].options[3].id: duplicate option id "A"'],
      ['a duplicate item id', (f) => { f.exams[0].questions[2].items[2].id = 'a'; }, 'exams[0].questions[2].items[2].id: duplicate item id "a"'],
      ['a duplicate right id', (f) => { f.exams[0].questions[3].right[1].id = 'r1'; }, 'exams[0].questions[3].right[1].id: duplicate right item id "r1"'],
      ['a key with an unknown option', (f) => { f.exams[0].questions[1].key = ['A', 'E']; }, 'exams[0].questions[1].key: unknown option "E"'],
      ['a single-answer key with two options', (f) => { f.exams[0].questions[0].key = ['A', 'B']; },
        'exams[0].questions[0].key: a single-answer question (multiple: false) needs exactly one option, found 2'],
      ['an order key that is not a permutation', (f) => { f.exams[0].questions[2].key = ['a', 'b']; },
        'exams[0].questions[2].key: must list every item exactly once; missing "c"'],
      ['an order key with an item twice', (f) => { f.exams[0].questions[2].key = ['a', 'b', 'b']; }, 'exams[0].questions[2].key: item "b" listed twice'],
      ['a match key with an unknown left item', (f) => { f.exams[0].questions[3].key[0] = ['l9', 'r1']; }, 'exams[0].questions[3].key: unknown left item "l9"'],
      ['a match key with an unknown right item', (f) => { f.exams[0].questions[3].key[1] = ['l2', 'r9']; }, 'exams[0].questions[3].key: unknown right item "r9"'],
      ['a review window that closes before it opens', (f) => { f.exams[0].review.closesAt = '2026-05-01T08:00:00+02:00'; },
        'exams[0].review.closesAt: must be later than opensAt (2026-06-01T08:00:00+02:00)'],
      ['a duplicate candidate number', (f) => { f.candidates.push({ number: '230117', firstName: 'X', lastName: 'Y' }); }, 'candidates[2].number: duplicate candidate number "230117"'],
      ['a duplicate group id', (f) => { f.groups.push({ ...f.groups[0], candidateNumbers: [] }); }, `groups[1].id: duplicate group id "${GROUP_ID}"`],
      ['a group of an unknown exam', (f) => { f.groups[0].examId = 'nope'; }, 'groups[0].examId: unknown exam "nope"'],
      ['a group with an unknown candidate', (f) => { f.groups[0].candidateNumbers.push('999999'); }, 'groups[0].candidateNumbers[2]: unknown candidate "999999"'],
      ['a duplicate sitting id', (f) => { f.sittings[1].id = 's-230117'; }, 'sittings[1].id: duplicate sitting id "s-230117"'],
      ['a sitting of an unknown group', (f) => { f.sittings[1].groupId = 'g-x'; }, 'sittings[1].groupId: unknown group "g-x"'],
      ['a sitting of an unknown candidate', (f) => { f.sittings[1].candidateNumber = '999999'; }, 'sittings[1].candidateNumber: unknown candidate "999999"'],
      ['a sitting of a candidate outside its group', (f) => {
        f.candidates.push({ number: '230119', firstName: 'Lot', lastName: 'Smit' });
        f.sittings[1].candidateNumber = '230119';
      }, `sittings[1].candidateNumber: candidate "230119" is not in group "${GROUP_ID}"`],
      ['a second sitting of one candidate in one group', (f) => { f.sittings[1].candidateNumber = '230117'; },
        `sittings[1].candidateNumber: candidate "230117" already has a sitting in group "${GROUP_ID}" (sittings[0])`],
      ['submitted before it started', (f) => { f.sittings[0].submittedAt = '2026-05-20T08:00:00+02:00'; },
        'sittings[0].submittedAt: must not be before startedAt (2026-05-20T09:01:00+02:00)'],
      ['a response to an unknown question', (f) => { f.sittings[1].responses[5].questionId = 'q99'; }, `sittings[1].responses[5].questionId: unknown question "q99" in exam "${EXAM_ID}"`],
      ['a question answered twice', (f) => { f.sittings[1].responses[5].questionId = 'q1'; }, 'sittings[1].responses[5].questionId: question "q1" answered twice (also responses[0])'],
      ['a choice response that is text', (f) => { f.sittings[1].responses[0].response = 'A'; }, 'sittings[1].responses[0].response: a choice question takes a list of option ids or null'],
      ['a choice response with an unknown option', (f) => { f.sittings[1].responses[0].response = ['E']; }, 'sittings[1].responses[0].response: unknown option "E"'],
      ['two options for a single-answer question', (f) => { f.sittings[1].responses[0].response = ['A', 'C']; }, 'sittings[1].responses[0].response: a single-answer question takes at most one option'],
      ['an order response of pairs', (f) => { f.sittings[1].responses[2].response = [['a', 'b']]; }, 'sittings[1].responses[2].response: an order question takes a list of item ids or null'],
      ['an order response with an unknown item', (f) => { f.sittings[1].responses[2].response = ['a', 'x']; }, 'sittings[1].responses[2].response: unknown item "x"'],
      ['a match response of ids', (f) => { f.sittings[1].responses[3].response = ['l1', 'r2']; }, 'sittings[1].responses[3].response: a match question takes a list of [left, right] pairs or null'],
      ['a match response with an unknown right item', (f) => { f.sittings[1].responses[3].response = [['l1', 'r7']]; }, 'sittings[1].responses[3].response: unknown right item "r7"'],
      ['a text response that is a number', (f) => { f.sittings[1].responses[4].response = 1648; }, 'sittings[1].responses[4].response: a text question takes a string or null'],
      ['a numeric response that is text', (f) => { f.sittings[1].responses[5].response = '13'; }, 'sittings[1].responses[5].response: a numeric question takes a number or null'],
      ['an open response that is a list', (f) => { f.sittings[0].responses[6].response = ['x']; }, 'sittings[0].responses[6].response: an open question takes a string or null'],
      ['a score above the maximum', (f) => { f.sittings[0].responses[6].score = 4; }, "sittings[0].responses[6].score: 4 is more than the question's maximum of 3"],
    ];
    for (const [what, change, expected] of cases) {
      it(what, () => {
        expect(broken(change)).to.include(expected);
      });
    }
  });

  it('reports several errors of different kinds together', () => {
    const errors = broken((f) => {
      f.candidates[1].className = 'x'.repeat(41);
      f.exams[0].questions[0].key = ['E'];
      f.groups[0].candidateNumbers.push('999999');
      f.sittings[0].responses[6].score = 4;
      f.sittings[1].submittedAt = '2020-01-01T00:00:00Z';
    });
    expect(errors).to.have.members([
      'candidates[1].className: Too big: expected string to have <=40 characters',
      'exams[0].questions[0].key: unknown option "E"',
      'groups[0].candidateNumbers[2]: unknown candidate "999999"',
      "sittings[0].responses[6].score: 4 is more than the question's maximum of 3",
      'sittings[1].submittedAt: must not be before startedAt (2026-05-20T09:02:00+02:00)',
    ]);
  });

  it('checks the other responses of a sitting against its exam when one response fails its structural checks', () => {
    const errors = broken((f) => {
      f.sittings[0].responses[0].flagged = 'yes';
      f.sittings[0].responses[6].score = 4;
      f.candidates[1].firstName = '';
    });
    expect(errors).to.have.members([
      'sittings[0].responses[0].flagged: Invalid input: expected boolean, received string',
      "sittings[0].responses[6].score: 4 is more than the question's maximum of 3",
      'candidates[1].firstName: Too small: expected string to have >=1 characters',
    ]);
  });

  it('checks the other elements when one fails its structural checks, without errors about references to it', () => {
    const errors = broken((f) => {
      f.exams[0].central = 'yes';
      f.candidates[1].firstName = '';
      f.sittings[0].groupId = 'g-x';
    });
    expect(errors).to.have.members([
      'exams[0].central: Invalid input: expected boolean, received string',
      'candidates[1].firstName: Too small: expected string to have >=1 characters',
      'sittings[0].groupId: unknown group "g-x"',
    ]);
  });

  it('accepts references to an exam, a group and candidates that are stored already', () => {
    const stored = exampleImport();
    const known: KnownContent = {
      exam: (id) => (id === EXAM_ID ? (validExam(stored) as Exam) : undefined),
      group: (id) => (id === GROUP_ID ? (stored.groups[0] as Group) : undefined),
      candidate: (n) => stored.candidates.find((c: Json) => c.number === n),
    };
    const onlySittings = { format: 'inzage/v1', sittings: exampleImport().sittings };
    expect(validateImport(onlySittings, known).ok).to.equal(true);
    expect(errorsOf(validateImport(onlySittings))).to.include(`sittings[0].groupId: unknown group "${GROUP_ID}"`);
    const groupOnly = { format: 'inzage/v1', groups: exampleImport().groups };
    expect(validateImport(groupOnly, known).ok).to.equal(true);
    expect(errorsOf(validateImport(groupOnly))).to.include(`groups[0].examId: unknown exam "${EXAM_ID}"`);
  });

  it('refuses input that is not an object', () => {
    expect(errorsOf(validateImport([1, 2]))).to.deep.equal(['(root): Invalid input: expected object, received array']);
  });
});

function validExam(f: Json): Exam {
  const r = validateImport(f);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.data.exams[0]! as Exam; // the example sets its review settings
}
