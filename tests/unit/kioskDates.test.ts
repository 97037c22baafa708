import { expect } from 'chai';
import { clockTime, longDate } from '../../kiosk/src/dates.ts';
import { locale, LANGS } from '../../shared/i18n.ts';

/** The kiosk writes its times and dates by hand (no Intl on its first screen): they must be what Intl writes. */
describe('kiosk dates (kiosk/src/dates.ts)', () => {
  const time = (lang: 'nl' | 'en') => new Intl.DateTimeFormat(locale(lang), { hour: '2-digit', minute: '2-digit' });
  const date = (lang: 'nl' | 'en') => new Intl.DateTimeFormat(locale(lang), { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

  it('writes every day of a leap year and a common year as Intl does, in both languages', () => {
    for (const lang of LANGS) {
      for (let day = 0; day < 366 + 365; day++) {
        const d = new Date(2028, 0, 1 + day, (day * 7) % 24, (day * 13) % 60);
        expect(longDate(lang, d), `${lang} ${d.toString()}`).to.equal(date(lang).format(d));
        expect(clockTime(lang, d), `${lang} ${d.toString()}`).to.equal(time(lang).format(d));
      }
    }
  });

  it('writes every minute of a day as Intl does (midnight, noon, single digits)', () => {
    for (const lang of LANGS) {
      for (let m = 0; m < 24 * 60; m++) {
        const d = new Date(2026, 11, 3, 0, m);
        expect(clockTime(lang, d)).to.equal(time(lang).format(d));
      }
    }
    expect(clockTime('nl', new Date(2026, 11, 3, 9, 5))).to.equal('09:05');
    expect(longDate('nl', new Date(2026, 11, 3))).to.equal('donderdag 3 december 2026');
    expect(longDate('en', new Date(2026, 11, 3))).to.equal('Thursday, 3 December 2026');
  });
});
