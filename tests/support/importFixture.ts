/**
 * A complete, valid import file: every question type, two candidates, a group, and sittings with every
 * response shape (one full marks, one partly wrong with an unanswered and a missing response). Plain JSON,
 * typed loosely on purpose: tests break it in every way an export can be broken.
 */
export type Json = any;

export const EXAM_ID = 'gs-kb-voorbeeld';
export const GROUP_ID = 'gs-kb-0612-a';

export function exampleImport(): Json {
  return {
    format: 'inzage/v1',
    exams: [{
      id: EXAM_ID, title: 'Geschiedenis KB (voorbeeld)', subject: 'Geschiedenis', level: 'KB', central: true,
      review: { allowed: true, opensAt: '2026-06-01T08:00:00+02:00', closesAt: '2026-06-12T17:00:00+02:00', maxMinutes: 45, showKey: true, showScheme: true },
      questions: [
        { id: 'q1', number: 1, type: 'choice', maxScore: 1, stem: '<p>Wie was de eerste koning van Nederland?</p>',
          options: [{ id: 'A', text: 'Willem van Oranje' }, { id: 'B', text: 'Willem I' }, { id: 'C', text: 'Lodewijk Napoleon' }], multiple: false, key: ['B'] },
        { id: 'q2', number: 2, type: 'choice', maxScore: 2, stem: '<p>Welke <em>twee</em> steden liggen in Zeeland?</p>',
          options: [{ id: 'A', text: 'Middelburg' }, { id: 'B', text: 'Breda' }, { id: 'C', text: 'Vlissingen' }, { id: 'D', text: 'Delft' }], multiple: true, key: ['A', 'C'] },
        { id: 'q3', number: 3, type: 'order', maxScore: 2, stem: '<p>Zet in de juiste volgorde.</p>',
          items: [{ id: 'a', text: 'Beeldenstorm' }, { id: 'b', text: 'Vrede van Münster' }, { id: 'c', text: 'Bataafse Republiek' }], key: ['a', 'b', 'c'] },
        { id: 'q4', number: 4, type: 'match', maxScore: 2, stem: '<p>Koppel persoon en jaartal.</p>',
          left: [{ id: 'l1', text: 'Thorbecke' }, { id: 'l2', text: 'Drees' }], right: [{ id: 'r1', text: '1848' }, { id: 'r2', text: '1956' }],
          key: [['l1', 'r1'], ['l2', 'r2']] },
        { id: 'q5', number: 5, type: 'text', maxScore: 1, stem: '<p>In welk jaar eindigde de Tachtigjarige Oorlog?</p>', key: ['1648'] },
        { id: 'q6', number: 6, type: 'numeric', maxScore: 1, stem: '<p>Hoeveel procent? (op één decimaal)</p>', key: 12.5, tolerance: 0.1 },
        { id: 'q7', number: 7, type: 'open', maxScore: 3, stem: '<p>Leg uit waarom de Grondwet van 1848 belangrijk was.</p>',
          scheme: '<p>1 punt: ministeriële verantwoordelijkheid; 1 punt: rechtstreekse verkiezingen; 1 punt: grondrechten.</p>' },
      ],
    }],
    candidates: [
      { number: '230117', firstName: 'Sanne', lastNamePrefix: 'de', lastName: 'Vries', className: '4KB2' },
      { number: '230118', firstName: 'Daan', lastName: 'Bakker', className: '4KB2' },
    ],
    groups: [{ id: GROUP_ID, name: 'Geschiedenis KB — lokaal 12', examId: EXAM_ID, startsAt: '2026-05-20T09:00:00+02:00', location: 'lokaal 12', candidateNumbers: ['230117', '230118'] }],
    sittings: [
      { id: 's-230117', groupId: GROUP_ID, candidateNumber: '230117', startedAt: '2026-05-20T09:01:00+02:00', submittedAt: '2026-05-20T10:25:00+02:00', grade: 8.9,
        responses: [
          { questionId: 'q1', response: ['B'], score: 1 },
          { questionId: 'q2', response: ['C', 'A'], score: 2 },
          { questionId: 'q3', response: ['a', 'b', 'c'], score: 2 },
          { questionId: 'q4', response: [['l2', 'r2'], ['l1', 'r1']], score: 2 },
          { questionId: 'q5', response: ' 1648 ', score: 1 },
          { questionId: 'q6', response: 12.46, score: 1 },
          { questionId: 'q7', response: 'Sindsdien zijn ministers verantwoordelijk.', score: 2, flagged: true },
        ] },
      { id: 's-230118', groupId: GROUP_ID, candidateNumber: '230118', startedAt: '2026-05-20T09:02:00+02:00', submittedAt: '2026-05-20T10:40:00+02:00', grade: 3.1,
        responses: [
          { questionId: 'q1', response: ['A'], score: 0 },
          { questionId: 'q2', response: ['A', 'B'], score: 1 },
          { questionId: 'q3', response: ['b', 'a', 'c'], score: 0 },
          { questionId: 'q4', response: [['l1', 'r2']], score: 0 },
          { questionId: 'q5', response: null, score: 0 },
          { questionId: 'q6', response: 13, score: 0 },
        ] },
    ],
  };
}
