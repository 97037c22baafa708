/**
 * QTI 3.0 results files (`assessmentResult`) for the tests, written for a stored exam of QTI items: one per
 * candidate, per item the candidate's values for each part and, where given, a reported SCORE.
 */
import type { ItemQuestion } from '../../shared/schema.ts';

export interface ItemAnswer {
  /** per part id, the values the candidate gave */
  values: Record<string, string[]>;
  /** the SCORE the platform reported; left out: none reported */
  score?: number;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** The key's values for every part that has a key: a fully correct response. */
export function keyAnswer(q: ItemQuestion): Record<string, string[]> {
  const values: Record<string, string[]> = {};
  for (const p of q.parts) if (p.key?.length) values[p.id] = p.cardinality === 'single' ? [p.key[0]!] : [...p.key];
  return values;
}

export function resultXml(candidate: string, examId: string, answers: ReadonlyMap<string, ItemAnswer>, submitted = '2026-05-12T10:30:00+02:00'): string {
  const items = [...answers].map(([id, a]) => {
    const responses = Object.entries(a.values).map(([part, values]) =>
      `    <responseVariable identifier="${part}" cardinality="multiple">\n      <candidateResponse>${values.map((v) => `<value>${escape(v)}</value>`).join('')}</candidateResponse>\n    </responseVariable>\n`).join('');
    const score = a.score === undefined ? '' : `    <outcomeVariable identifier="SCORE" cardinality="single" baseType="float"><value>${a.score}</value></outcomeVariable>\n`;
    return `  <itemResult identifier="${id}" datestamp="2026-05-12T10:00:00+02:00" sessionStatus="final">\n${responses}${score}  </itemResult>\n`;
  });
  return '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<assessmentResult xmlns="http://www.imsglobal.org/xsd/imsqti_result_v3p0">\n' +
    `  <context sourcedId="${candidate}"/>\n` +
    `  <testResult identifier="${examId}" datestamp="${submitted}">\n` +
    '    <responseVariable identifier="duration" cardinality="single" baseType="duration"><candidateResponse><value>5400</value></candidateResponse></responseVariable>\n' +
    '  </testResult>\n' + items.join('') + '</assessmentResult>\n';
}
