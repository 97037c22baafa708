import { expect } from 'chai';
import { runChaos } from '../chaos/chaos.ts';

// `npm run chaos` runs 50 rounds (or --rounds N); the suite runs a quick variant: 10 rounds in CI, 3 elsewhere.
const ROUNDS = process.env.CI === 'true' ? 10 : 3;

describe('crash safety under kill -9 (chaos)', function () {
  this.timeout(ROUNDS * 30_000);

  it(`loses nothing acknowledged and corrupts nothing over ${ROUNDS} kills at random moments`, async function () {
    if (process.platform === 'win32') this.skip(); // kills a POSIX process group
    const report = await runChaos({ rounds: ROUNDS });
    const a = report.acknowledged;
    expect(report.corrupt, `seed ${report.seed}`).to.deep.equal([]);
    expect(report.lost, `seed ${report.seed}`).to.deep.equal([]);
    expect(report.kills).to.equal(ROUNDS);
    // the run did something worth checking
    expect(a.starts + a.ends + a.reveals + a.pairings, `seed ${report.seed}`).to.be.greaterThan(0);
  });
});
