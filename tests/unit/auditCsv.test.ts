import { expect } from 'chai';
import { auditCsv } from '../../server/audit/csv.ts';
import type { AuditEvent } from '../../shared/domain.ts';

const event = (over: Partial<AuditEvent>): AuditEvent => ({
  seq: 1, at: '2026-06-01T08:00:00.000Z', actor: 'boss', action: 'kiosk.paired', target: 'k1', details: {}, ...over,
});

describe('audit CSV', () => {
  it('has the columns seq,at,actor,action,target,details and the details as JSON', () => {
    expect(auditCsv([event({ details: { reason: 'time-limit' } })])).to.equal(
      'seq,at,actor,action,target,details\r\n1,2026-06-01T08:00:00.000Z,boss,kiosk.paired,k1,"{""reason"":""time-limit""}"\r\n',
    );
  });

  it('quotes fields with commas, quotes and line breaks', () => {
    const row = auditCsv([event({ target: 'Station 3, "achter"\nlokaal' })]).split('\r\n')[1];
    expect(row).to.equal('1,2026-06-01T08:00:00.000Z,boss,kiosk.paired,"Station 3, ""achter""\nlokaal",{}');
  });

  it('defuses fields a spreadsheet would run as a formula', () => {
    const row = auditCsv([event({ target: '=HYPERLINK("x")' })]).split('\r\n')[1];
    expect(row).to.contain(`"'=HYPERLINK(""x"")"`);
  });
});
