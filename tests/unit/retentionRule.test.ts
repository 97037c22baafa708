import { expect } from 'chai';
import { retentionEnd } from '../../shared/rules.ts';
import { FakeClock } from '../../server/clock.ts';
import { DAY_MS } from '../../server/privacy/retention.ts';
import { keptUntil } from '../../server/cli/examCommands.ts';
import type { StoredExam } from '../../server/store/examCatalog.ts';

/** The rule of docs/design.md (Privacy, Retention): `retainUntil`, else days after the later of window end and import. */
describe('retention date: the later of the review window\'s end and the last import, plus the retention days', () => {
  const review = (closesAt?: string) => ({ allowed: true, ...(closesAt ? { closesAt } : {}), maxMinutes: 30, showKey: true, showScheme: true });
  const iso = (ms: number) => new Date(ms).toISOString();

  it('counts from the window\'s end when the data was imported before it ended (or has no import time)', () => {
    const exam = { review: review('2026-06-30T17:00:00+02:00'), dataImportedAt: '2026-06-01T08:00:00.000Z' };
    expect(retentionEnd(exam, 180)).to.deep.equal({ until: '2026-12-27T15:00:00.000Z', explicit: false, basis: 'review' });
    expect(retentionEnd({ review: review('2026-06-30T17:00:00+02:00') }, 180)).to.deep.equal({ until: '2026-12-27T15:00:00.000Z', explicit: false, basis: 'review' });
  });

  it('counts from the import when the data came after the window ended: imported today, kept the retention days from today', () => {
    const clock = new FakeClock(Date.parse('2026-12-27T09:30:00Z')); // the day the window + 180 days ran out
    const exam = { review: review('2026-06-30T17:00:00+02:00'), dataImportedAt: iso(clock.now()) };
    const { until, basis } = retentionEnd(exam, 180);
    expect(basis).to.equal('import');
    expect(until).to.equal(iso(clock.now() + 180 * DAY_MS));
    expect(Date.parse(until!)).to.be.greaterThan(clock.now());
    clock.advance(179 * DAY_MS);
    expect(Date.parse(until!)).to.be.greaterThan(clock.now());
    clock.advance(DAY_MS);
    expect(Date.parse(until!)).to.equal(clock.now()); // due (the purge removes what is due at or before now)
    // with no retention days it is due the moment it is imported, as it is at the window's end
    expect(retentionEnd(exam, 0).until).to.equal(exam.dataImportedAt);
  });

  it('a retainUntil set for the exam wins, earlier or later than the default', () => {
    const exam = { review: review('2026-06-30T17:00:00+02:00'), dataImportedAt: '2026-12-27T09:30:00.000Z' };
    expect(retentionEnd({ ...exam, retainUntil: '2027-01-10T00:00:00+01:00' }, 180)).to.deep.equal({ until: '2027-01-09T23:00:00.000Z', explicit: true, basis: null });
    expect(retentionEnd({ ...exam, retainUntil: '2030-01-01T00:00:00Z' }, 180)).to.deep.equal({ until: '2030-01-01T00:00:00.000Z', explicit: true, basis: null });
  });

  it('has no date without a window end, however recent the import (the school may still open review)', () => {
    expect(retentionEnd({ review: review(), dataImportedAt: '2026-12-27T09:30:00.000Z' }, 180)).to.deep.equal({ until: null, explicit: false, basis: null });
  });

  it('inzage exam list says the date and what it counts from', () => {
    const exam = { review: review('2026-06-30T17:00:00+02:00'), dataImportedAt: '2026-12-27T09:30:00.000Z' } as StoredExam;
    expect(keptUntil(exam, 180)).to.equal('2027-06-25 09:30 UTC (180 days after the import)');
    expect(keptUntil({ ...exam, dataImportedAt: '2026-06-01T00:00:00Z' }, 180)).to.equal('2026-12-27 15:00 UTC (180 days after the review)');
    expect(keptUntil({ ...exam, retainUntil: '2027-01-10T00:00:00+01:00' }, 180)).to.equal('2027-01-09 23:00 UTC (set for this exam)');
    const { dataImportedAt: _none, ...older } = exam;
    expect(keptUntil(older as StoredExam, 180)).to.equal('2026-12-27 15:00 UTC at the earliest (older data: 180 days after the next server start)');
    expect(keptUntil({ ...exam, review: review() }, 180)).to.equal('no date (set one in the console)');
  });
});
