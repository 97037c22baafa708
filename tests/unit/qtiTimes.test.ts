import { expect } from 'chai';
import { parseDuration } from '../../server/import/results/duration.ts';
import { parseDateTime } from '../../server/import/xml/dateTime.ts';

describe('QTI times: xs:dateTime and durations', () => {
  it('reads a datestamp with a zone exactly, fractions of seconds of any length included', () => {
    expect(parseDateTime('2024-01-22T15:15:40.8538631+01:00', 'Europe/Amsterdam')).to.deep.equal({ ok: true, iso: '2024-01-22T14:15:40.854Z', zoned: true });
    expect(parseDateTime('2019-05-30T21:01:47Z', 'Europe/Amsterdam')).to.deep.equal({ ok: true, iso: '2019-05-30T21:01:47.000Z', zoned: true });
    expect(parseDateTime('2026-05-12T10:30:00-04:30', 'Europe/Amsterdam')).to.deep.equal({ ok: true, iso: '2026-05-12T15:00:00.000Z', zoned: true });
  });

  it('reads a datestamp without a zone as local time of the zone given, summer and winter', () => {
    expect(parseDateTime('2026-07-01T12:00:00', 'Europe/Amsterdam')).to.deep.equal({ ok: true, iso: '2026-07-01T10:00:00.000Z', zoned: false });
    expect(parseDateTime('2026-01-15T12:00:00', 'Europe/Amsterdam')).to.deep.equal({ ok: true, iso: '2026-01-15T11:00:00.000Z', zoned: false });
    expect(parseDateTime('2026-01-15T12:00:00', 'UTC')).to.deep.equal({ ok: true, iso: '2026-01-15T12:00:00.000Z', zoned: false });
  });

  it('reads local times right on both sides of a clock change, also when asked again (offsets are cached)', () => {
    const cases: [string, string, string][] = [
      // Amsterdam, 29 March 2026: 02:00 CET becomes 03:00 CEST (01:00 UTC)
      ['2026-03-29T01:59:59', 'Europe/Amsterdam', '2026-03-29T00:59:59.000Z'],
      ['2026-03-29T03:00:00', 'Europe/Amsterdam', '2026-03-29T01:00:00.000Z'],
      ['2026-03-29T03:14:59', 'Europe/Amsterdam', '2026-03-29T01:14:59.000Z'],
      // 25 October 2026: 03:00 CEST becomes 02:00 CET (01:00 UTC)
      ['2026-10-25T01:59:00', 'Europe/Amsterdam', '2026-10-24T23:59:00.000Z'],
      ['2026-10-25T03:00:00', 'Europe/Amsterdam', '2026-10-25T02:00:00.000Z'],
      // a zone with a quarter-hour offset (UTC+5:45)
      ['2026-06-01T12:00:00', 'Asia/Kathmandu', '2026-06-01T06:15:00.000Z'],
    ];
    for (const round of [1, 2]) {
      for (const [value, zone, iso] of round === 1 ? cases : [...cases].reverse()) {
        expect(parseDateTime(value, zone), `${value} ${zone}, round ${round}`).to.deep.equal({ ok: true, iso, zoned: false });
      }
    }
  });

  it('refuses what is no date-time', () => {
    for (const bad of ['2026-02-30T10:00:00', '2026-05-12 10:30:00', '2026-05-12T24:00:00', '12-05-2026T10:00:00', '', 'gisteren']) {
      expect(parseDateTime(bad, 'Europe/Amsterdam'), bad).to.deep.equal({ ok: false });
    }
  });

  it('reads durations in seconds (point or comma) and as ISO 8601', () => {
    expect(parseDuration('5400')).to.equal(5400);
    expect(parseDuration('12,5')).to.equal(12.5);
    expect(parseDuration('PT1H30M')).to.equal(5400);
    expect(parseDuration('PT2M3.5S')).to.equal(123.5);
    expect(parseDuration('P1DT1S')).to.equal(86_401);
    for (const bad of ['-1', 'P', 'PT', 'soon', '']) expect(parseDuration(bad), bad).to.equal(undefined);
  });
});
