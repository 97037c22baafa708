/** The console's audit log in words: a readable target and `label: value` details, times in local time. */
import { expect } from 'chai';
import type { AuditAction, AuditEvent } from '../../shared/domain.ts';
import { auditFields, auditRaw, auditTarget } from '../../admin/src/components/audit-format.ts';

const USER_ID = '80619e9d-bbb7-4514-b35c-c8a76d4ba8b1';
const REVIEW_ID = '3f2a9c41-0d5e-4b7a-9e3b-2b8f6c1d7e90';

let seq = 0;
const event = (action: AuditAction, target: string, details: Record<string, unknown> = {}, actor = 'boss'): AuditEvent =>
  ({ seq: ++seq, at: '2026-06-12T08:00:00.000Z', actor, action, target, details });

describe('audit log in words (console)', () => {
  let tz: string | undefined;
  before(() => {
    tz = process.env.TZ;
    process.env.TZ = 'Europe/Amsterdam';
  });
  after(() => {
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
  });

  it('names the target as a person reads it, keeping the stored id at hand', () => {
    expect(auditTarget(event('auth.login', USER_ID, { ip: '127.0.0.1' }, 'jdeboer'))).to.deep.equal({ text: 'jdeboer', raw: USER_ID });
    expect(auditTarget(event('user.disabled', USER_ID, { username: 'jdeboer' }))).to.deep.equal({ text: 'jdeboer', raw: USER_ID });
    // the CLI writes the username as the target already
    expect(auditTarget(event('user.created', 'jdeboer', { role: 'supervisor' }, 'cli'))).to.deep.equal({ text: 'jdeboer' });
    expect(auditTarget(event('kiosk.paired', 'k-1', { name: 'Station 3' }))).to.deep.equal({ text: 'Station 3', raw: 'k-1' });
    expect(auditTarget(event('kiosk.renamed', 'k-1', { from: 'Station 3', to: 'Station 4' }))).to.deep.equal({ text: 'Station 4', raw: 'k-1' });
    expect(auditTarget(event('review.ended', REVIEW_ID, { reason: 'time-limit' }))).to.deep.equal({ text: 'inzage 3f2a9c41', raw: REVIEW_ID });
    expect(auditTarget(event('exam.review-changed', 'bi-kb-2026'))).to.deep.equal({ text: 'bi-kb-2026' });
    expect(auditTarget(event('auth.login-failed', 'onbekend', { ip: '127.0.0.1' }, 'onbekend'))).to.deep.equal({ text: 'onbekend' });
  });

  it('shows the details as label: value lines, codes in words', () => {
    expect(auditFields(event('auth.login', USER_ID, { ip: '127.0.0.1' }))).to.deep.equal([{ label: 'IP-adres', value: '127.0.0.1' }]);
    expect(auditFields(event('review.ended', REVIEW_ID, { reason: 'ended-by-supervisor' }))).to.deep.equal([{ label: 'Reden', value: 'Beëindigd door de toezichthouder' }]);
    expect(auditFields(event('review.revealed', REVIEW_ID, { questionId: 'q2', what: 'scheme' }))).to.deep.equal([
      { label: 'Vraag', value: 'q2' }, { label: 'Bekeken', value: 'correctievoorschrift' },
    ]);
    expect(auditFields(event('user.created', USER_ID, { username: 'jdeboer', role: 'admin' }))).to.deep.equal([
      { label: 'Gebruikersnaam', value: 'jdeboer' }, { label: 'Rol', value: 'Beheerder' },
    ]);
    expect(auditFields(event('kiosk.renamed', 'k-1', { from: 'Station 3', to: 'Station 4' }))).to.deep.equal([
      { label: 'Van', value: 'Station 3' }, { label: 'Naar', value: 'Station 4' },
    ]);
    // a key the console does not know shows as it is
    expect(auditFields(event('data.purged', 'bi-kb-2026', { examId: 'bi-kb-2026', sittings: 3, extra: true }))).to.deep.equal([
      { label: 'Examen', value: 'bi-kb-2026' }, { label: 'Afnames', value: '3' }, { label: 'extra', value: 'ja' },
    ]);
    // a start a crash kept off the log, audited by the restart that gave the review back
    expect(auditFields(event('review.started', REVIEW_ID, { kioskId: 'k-1', startedAt: '2026-06-12T07:58:00.000Z', recovered: true }, 'system'))).to.deep.equal([
      { label: 'Kiosk', value: 'k-1' }, { label: 'Begonnen om', value: '12 jun 2026, 09:58' }, { label: 'Bij herstart vastgelegd', value: 'ja' },
    ]);
    expect(auditFields(event('auth.logout', USER_ID))).to.deep.equal([]);
    expect(auditRaw(event('auth.logout', USER_ID))).to.equal('');
    expect(auditRaw(event('auth.login', USER_ID, { ip: '127.0.0.1' }))).to.equal('{"ip":"127.0.0.1"}');
  });

  it('shows a settings change as one line per changed setting, in the dialog’s order, times in local time', () => {
    const from = { allowed: false, maxMinutes: 30, showKey: true, showScheme: true };
    const to = { allowed: true, opensAt: '2026-01-15T07:00:00Z', closesAt: '2099-06-01T17:00:00+02:00', maxMinutes: 45, showKey: true, showScheme: false };
    expect(auditFields(event('exam.review-changed', 'ma-kb-2026', { from, to }))).to.deep.equal([
      { label: 'Inzage toegestaan', value: 'nee → ja' },
      { label: 'Begin inzageperiode', value: '— → 15 jan 2026, 08:00' },
      { label: 'Einde inzageperiode', value: '— → 1 jun 2099, 17:00' },
      { label: 'Maximale duur (minuten)', value: '30 → 45' },
      { label: 'Correctievoorschrift tonen', value: 'ja → nee' },
    ]);
  });

  it('shows an import’s counts as a line per kind, with what is not zero', () => {
    const counts = {
      exams: { added: 0, updated: 1, unchanged: 4 },
      candidates: { added: 0, updated: 0, unchanged: 0, removed: 0 },
    };
    expect(auditFields(event('import.applied', 'upload', { counts }, 'boss'))).to.deep.equal([
      { label: 'Examens', value: 'Bijgewerkt 1, Ongewijzigd 4' },
      { label: 'Kandidaten', value: '0' },
    ]);
  });

  it('shows who was reviewed, and "[verwijderd]" in the console\'s language once a purge shredded it', () => {
    expect(auditFields(event('review.started', REVIEW_ID, { kioskId: 'k-1', examId: 'bi-kb-2026', sittingId: 's-1', candidateNumber: '120001' }))).to.deep.equal([
      { label: 'Kiosk', value: 'k-1' }, { label: 'Examen', value: 'bi-kb-2026' }, { label: 'Afname', value: 's-1' }, { label: 'Examennummer', value: '120001' },
    ]);
    expect(auditFields(event('review.started', REVIEW_ID, { examId: 'bi-kb-2026', sittingId: '[verwijderd]', candidateNumber: '[verwijderd]' }))).to.deep.include(
      { label: 'Examennummer', value: '[verwijderd]' },
    );
    expect(auditFields(event('data.purged', 'bi-kb-2026', { examId: 'bi-kb-2026', reason: 'retention' }, 'system'))).to.deep.include(
      { label: 'Reden', value: 'bewaartermijn verstreken' },
    );
  });
});
