import { expect } from 'chai';
import { auditCsv, localTime } from '../../server/audit/csv.ts';
import type { AuditEvent } from '../../shared/domain.ts';

const event = (over: Partial<AuditEvent>): AuditEvent => ({
  seq: 1, at: '2026-06-01T08:00:00.000Z', actor: 'boss', action: 'kiosk.paired', target: 'k1', details: {}, ...over,
});
const names = {
  kiosk: (id: string) => (id === 'k1' ? 'Station 3' : undefined),
  user: (id: string) => (id === 'u1' ? 'sup1' : undefined),
  exam: (id: string) => (id === 'bi' ? 'Biologie KB' : undefined),
};

describe('audit CSV', () => {
  it('writes times in the zone asked, with the offset of that moment (summer and winter)', () => {
    expect(localTime('2026-06-01T08:00:00.000Z', 'Europe/Amsterdam')).to.equal('2026-06-01T10:00:00+02:00');
    expect(localTime('2026-12-01T08:00:00.000Z', 'Europe/Amsterdam')).to.equal('2026-12-01T09:00:00+01:00');
    expect(localTime('2026-12-01T08:00:00.000Z', 'UTC')).to.equal('2026-12-01T08:00:00+00:00');
    expect(localTime('2026-12-01T08:00:00.000Z', 'America/St_Johns')).to.equal('2026-12-01T04:30:00-03:30');
  });

  it('puts a name beside each id it knows, and every detail in a column of its own', () => {
    const csv = auditCsv([
      event({ details: { name: 'Station 3' } }),
      event({ seq: 2, action: 'review.started', target: 'r1', details: { kioskId: 'k1', examId: 'bi' } }),
      event({ seq: 3, action: 'review.ended', target: 'r1', details: { reason: 'time-limit' } }),
      event({ seq: 4, action: 'user.disabled', target: 'u1', details: { username: 'sup1' } }),
      event({ seq: 5, action: 'exam.review-changed', target: 'bi', details: { from: { allowed: false }, to: { allowed: true } } }),
    ], { timeZone: 'Europe/Amsterdam', names });
    expect(csv.split('\r\n')).to.deep.equal([
      'seq,time,actor,action,target,target name,examId,from.allowed,kioskId,name,reason,to.allowed,username',
      '1,2026-06-01T10:00:00+02:00,boss,kiosk.paired,k1,Station 3,,,,Station 3,,,',
      '2,2026-06-01T10:00:00+02:00,boss,review.started,r1,Station 3,bi,,k1,,,,',
      '3,2026-06-01T10:00:00+02:00,boss,review.ended,r1,Station 3,,,,,time-limit,,',
      '4,2026-06-01T10:00:00+02:00,boss,user.disabled,u1,sup1,,,,,,,sup1',
      '5,2026-06-01T10:00:00+02:00,boss,exam.review-changed,bi,Biologie KB,,false,,,,true,',
      '',
    ]);
  });

  it('names a kiosk that is gone by what the log says of it (paired, renamed)', () => {
    const csv = auditCsv([
      event({ target: 'k9', details: { name: 'Oud' } }),
      event({ seq: 2, action: 'kiosk.renamed', target: 'k9', details: { from: 'Oud', to: 'Nieuw' } }),
      event({ seq: 3, action: 'kiosk.unpaired', target: 'k9', details: {} }),
    ], { names });
    expect(csv.split('\r\n').slice(1, 4).map((l) => l.split(',')[5])).to.deep.equal(['Nieuw', 'Nieuw', 'Nieuw']);
  });

  it('keeps a list (the counted repeats of a burst) as JSON in its column', () => {
    const csv = auditCsv([event({ action: 'review.revealed', details: { repeats: [{ questionId: 'q1', count: 3 }] } })]);
    expect(csv.split('\r\n')[1]).to.equal('1,2026-06-01T08:00:00+00:00,boss,review.revealed,k1,,"[{""questionId"":""q1"",""count"":3}]"');
  });

  it('splits by ; with Dutch headers for Dutch Excel, quoting what holds a ;', () => {
    const csv = auditCsv([event({ target: 'a;b', details: { reason: '1,5' } })], { delimiter: ';', lang: 'nl', timeZone: 'UTC' });
    expect(csv).to.equal('nr;tijdstip;door;actie;onderwerp;naam onderwerp;reason\r\n1;2026-06-01T08:00:00+00:00;boss;kiosk.paired;"a;b";;1,5\r\n');
  });

  it('quotes fields with the delimiter, quotes and line breaks', () => {
    const row = auditCsv([event({ target: 'Station 3, "achter"\nlokaal' })]).split('\r\n')[1];
    expect(row).to.equal('1,2026-06-01T08:00:00+00:00,boss,kiosk.paired,"Station 3, ""achter""\nlokaal",');
  });

  it('defuses fields a spreadsheet would run as a formula', () => {
    const row = auditCsv([event({ target: '=HYPERLINK("x")', details: { name: '@SUM(A1)' } })]).split('\r\n')[1];
    expect(row).to.contain(`"'=HYPERLINK(""x"")"`).and.to.contain(`'@SUM(A1)`);
  });
});
