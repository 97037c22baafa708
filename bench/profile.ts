/**
 * A short reading of a V8 CPU profile (from `npm run bench -- --profile DIR`): self time per function, and
 * inclusive time of the functions whose name matches a filter.
 *
 *   node --import=tsx bench/profile.ts DIR/CPU.*.cpuprofile [--top 25] [--match start,shard]
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from './lib/env.ts';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string' }, match: { type: 'string' } } });
const profile = JSON.parse(readFileSync(positionals[0]!, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const label = (n: Node) => {
  const f = n.callFrame;
  const where = f.url ? `${relative(ROOT, f.url.replace(/^file:\/\//, ''))}:${f.lineNumber + 1}` : '';
  return `${f.functionName || '(anonymous)'} ${where}`.trim();
};

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = (profile.timeDeltas[i] ?? 0) / 1000;
  total += dt;
  const leaf = byId.get(id)!;
  self.set(label(leaf), (self.get(label(leaf)) ?? 0) + dt);
  const seen = new Set<string>();
  for (let n: Node | undefined = leaf; n; n = byId.get(parent.get(n.id) ?? -1)) {
    const l = label(n);
    if (!seen.has(l)) inclusive.set(l, (inclusive.get(l) ?? 0) + dt);
    seen.add(l);
  }
});

const busy = total - (self.get('(idle)') ?? 0) - (self.get('(program)') ?? 0);
const print = (title: string, m: Map<string, number>, filter: (l: string) => boolean) => {
  console.log(`\n${title}`);
  [...m].filter(([l]) => filter(l)).sort((a, b) => b[1] - a[1]).slice(0, Number(values.top ?? 25))
    .forEach(([l, ms]) => console.log(`${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / busy).toFixed(1).padStart(5)} %  ${l}`));
};
console.log(`profile: ${(total / 1000).toFixed(1)} s, of which busy (not idle/program) ${(busy / 1000).toFixed(1)} s`);
print('self time', self, (l) => l !== '(idle)');
if (values.match) {
  const words = values.match.split(',');
  print(`inclusive time of functions matching ${values.match}`, inclusive, (l) => words.some((w) => l.includes(w)));
}
