/**
 * `npm run chaos -- [--rounds N] [--seed S]`: kill -9 the real server at random moments, N times (default 50),
 * and check after every restart that nothing acknowledged was lost and nothing is corrupt (see chaos.ts).
 * Exit code 1 when anything was lost or corrupt.
 */
import { parseArgs } from 'node:util';
import { runChaos } from './chaos.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '50' }, seed: { type: 'string' }, help: { type: 'boolean' } } });
if (values.help) {
  process.stdout.write('usage: npm run chaos -- [--rounds N] [--seed S]\n');
  process.exit(0);
}
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) {
  process.stderr.write(`chaos: --rounds must be a whole number of at least 1, not "${values.rounds}"\n`);
  process.exit(2);
}
const seed = values.seed === undefined ? undefined : Number(values.seed);
process.env.NODE_ENV ??= 'test';
process.env.INZAGE_SCRYPT_N ??= String(2 ** 14);

const report = await runChaos({ rounds, seed, log: (l) => process.stdout.write(`${l}\n`) });
const a = report.acknowledged;
process.stdout.write([
  '',
  `chaos: seed ${report.seed}, ${report.rounds} rounds`,
  `  kills                 ${report.kills}`,
  `  acknowledged writes   ${a.starts + a.ends + a.pairings + a.unpairings + a.reveals} (starts ${a.starts}, ends ${a.ends}, pairings ${a.pairings}, unpairings ${a.unpairings}, reveals ${a.reveals}); navigations ${a.navigations} (not promised durable)`,
  `  resumed after restart ${report.resumed} sessions; ${report.endedWithReason} had ended with a reason`,
  `  unaudited ends        ${report.unauditedEnds} (not acknowledged; durable in reviews.json, the kill cut off the audit line)`,
  `  unaudited starts      ${report.unauditedStarts} (likewise: a start in reviews.json, never acknowledged, its audit line cut off)`,
  `  server up after start median ${report.startupMs.median} ms, max ${report.startupMs.max} ms (spawn to /healthz, through the wrapper)`,
  `  lost                  ${report.lost.length}`,
  `  corrupt               ${report.corrupt.length}`,
  ...report.lost.map((l) => `    lost: ${l}`),
  ...report.corrupt.map((l) => `    corrupt: ${l}`),
  '',
].join('\n'));
process.exit(report.lost.length || report.corrupt.length || report.kills < rounds ? 1 : 0);
