/** One line per input of `inzage import`: what it was read as, and how much it held. */
import type { InputSummary } from '../import/inputs/index.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function inputLine(i: InputSummary): string {
  switch (i.kind) {
    case 'json': return `${i.name}: inzage/v1 file (${plural(i.count, 'element')})`;
    case 'package': return `${i.name}: QTI package (${plural(i.count, 'test')})`;
    case 'results': return `${i.name}: QTI results (${plural(i.count, 'file')})`;
    case 'candidates': return `${i.name}: candidate list (${plural(i.count, 'candidate')})`;
  }
}
