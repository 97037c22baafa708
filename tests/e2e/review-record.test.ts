/**
 * Issue 14, items 4 and 6 in the browser: the review history where the supervisor decides (the sitting, the group's
 * results), 'Inzage loopt' in the candidate search, the confirmation before a second review of a sitting, and the
 * printed record ('proces-verbaal') listing the audit log's lines of that review with their places in the chain.
 * The kiosk is a real socket.io client that acknowledges as a kiosk does (tests/helpers/server.ts).
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { screenshot } from '../helpers/browser.ts';
import { connectKiosk, loggedIn, once, pairKiosk, startReviewOn, type KioskSocket, type StaffClient } from '../helpers/server.ts';
import { expectNoViolations } from '../support/axe.ts';
import { useE2E } from '../support/e2e.ts';
import { eventually } from '../support/eventually.ts';

describe('the review record and history in the console', function () {
  this.timeout(120_000);
  const e2e = useE2E({ noPageErrors: true });
  let boss: StaffClient, sup: StaffClient;
  let kiosk: { id: string; socket: KioskSocket };
  let firstId: string;

  before(async () => {
    [boss, sup] = await Promise.all([loggedIn(e2e.ts.base, 'boss'), loggedIn(e2e.ts.base, 'sup1')]);
    const station = await pairKiosk(e2e.ts.base, boss, 'Station 7');
    kiosk = { id: station.id, socket: (await connectKiosk(e2e.ts.base, station.token)).socket };
    // a review held: the candidate looks at three questions, opens a key and a scheme, and logs out
    const { review } = await startReviewOn(e2e.ts.base, sup, kiosk, 's-bi-120001');
    firstId = review.id;
    for (const questionId of ['bi2', 'bi7']) expect(await kiosk.socket.emitWithAck('review:navigate', { questionId })).to.deep.equal({ ok: true });
    for (const questionId of ['bi2', 'bi7']) expect((await kiosk.socket.emitWithAck('review:reveal', { questionId }) as { ok: boolean }).ok).to.equal(true);
    expect(await kiosk.socket.emitWithAck('review:logout', {})).to.deep.equal({ ok: true });
  });
  after(() => kiosk?.socket.close());
  afterEach(async () => {
    for (const r of e2e.ts.app.ctx.engine.active()) await e2e.ts.app.ctx.engine.finish(r.id, 'ended-by-supervisor', 'test');
  });

  const card = (page: Page, examTitle: string) => page.getByRole('article', { name: examTitle });

  it("shows 'Inzage loopt' in the candidate search while one of the candidate's sittings is under review, live", async () => {
    const { page } = await e2e.console('sup1');
    await page.getByLabel('Examennummer, naam of klas').fill('120002');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    const row = page.getByRole('table', { name: /Gevonden/ }).getByRole('row', { name: /El Amrani/ });
    await row.waitFor();
    expect(await row.getByText('Inzage loopt').count()).to.equal(0);
    await startReviewOn(e2e.ts.base, sup, kiosk, 's-bi-120002');
    await row.getByText('Inzage loopt').waitFor();
    await screenshot(page, 'console-search-running');
    for (const r of e2e.ts.app.ctx.engine.active()) await e2e.ts.app.ctx.engine.finish(r.id, 'ended-by-supervisor', 'test');
    await row.getByText('Inzage loopt').waitFor({ state: 'detached' });
  });

  it("lists the reviews held on the sitting and in the group's results, each with its record", async () => {
    const { page } = await e2e.console('sup1');
    await page.goto(`${e2e.ts.base}/admin/#/groepen/g-bi-1`);
    const held = page.getByRole('table', { name: /Inzages in deze afnamegroep/ });
    const row = held.getByRole('row', { name: /Sanne de Vries/ }).first();
    await row.waitFor();
    expect(await row.textContent()).to.contain('Station 7').and.contain('De kandidaat is uitgelogd');
    expect(await page.getByRole('link', { name: 'Overzicht afdrukken' }).getAttribute('href')).to.match(/^\/api\/groups\/g-bi-1\/report\?lang=nl&tz=/);
    await screenshot(page, 'console-results-history');

    await page.goto(`${e2e.ts.base}/admin/#/kandidaat/120001?groep=g-bi-1`);
    const history = card(page, 'Biologie KB').getByRole('region', { name: 'Eerdere inzages' });
    const item = history.getByRole('row').filter({ hasText: 'Station 7' });
    await item.waitFor();
    expect(await item.textContent()).to.contain('De kandidaat is uitgelogd').and.match(/\d+ min/);
    expect(await item.getByRole('link', { name: 'Proces-verbaal' }).getAttribute('href')).to.contain(`/api/reviews/${firstId}/report`);
    // a sitting without a review held shows no history
    expect(await card(page, 'Wiskunde KB (schoolexamen)').getByRole('region', { name: 'Eerdere inzages' }).count()).to.equal(0);
  });

  it("asks before a second review of the same sitting ('Deze kandidaat heeft op … al inzage gehad'), and starts only on yes", async () => {
    const { page } = await e2e.console('sup1');
    await page.goto(`${e2e.ts.base}/admin/#/kandidaat/120001?groep=g-bi-1`);
    const bio = card(page, 'Biologie KB');
    await bio.getByRole('region', { name: 'Eerdere inzages' }).waitFor();
    await bio.getByLabel('Kiosk').selectOption({ label: 'Station 7' });
    await bio.getByRole('button', { name: 'Start inzage' }).click();
    const dialog = page.getByRole('dialog', { name: 'Opnieuw inzage starten?' });
    await dialog.waitFor();
    const startedAt = e2e.ts.store.reviewRecords.get(firstId)!.startedAt;
    const when = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(new Date(startedAt));
    expect(await dialog.textContent()).to.contain(`Deze kandidaat heeft op ${when} al inzage gehad.`);
    await screenshot(page, 'console-repeat-confirm');
    await expectNoViolations(page, "the sitting's history and the confirmation before a second review");
    await dialog.getByRole('button', { name: 'Annuleren' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(e2e.ts.app.ctx.engine.active()).to.deep.equal([]);

    await bio.getByRole('button', { name: 'Start inzage' }).click();
    const started = once(kiosk.socket, 'review:started');
    await dialog.getByRole('button', { name: 'Toch starten' }).click();
    await started;
    await bio.getByRole('status').filter({ hasText: 'De inzage loopt op Station 7.' }).waitFor();
    expect(e2e.ts.app.ctx.engine.active().map((r) => r.sittingId)).to.deep.equal(['s-bi-120001']);
  });

  it('starts a review of a sitting never reviewed at once, without asking', async () => {
    const { page } = await e2e.console('sup1');
    await page.goto(`${e2e.ts.base}/admin/#/kandidaat/120003?groep=g-bi-1`);
    const bio = card(page, 'Biologie KB');
    await bio.getByLabel('Kiosk').selectOption({ label: 'Station 7' });
    const started = once(kiosk.socket, 'review:started');
    await bio.getByRole('button', { name: 'Start inzage' }).click();
    await started;
    await bio.getByRole('status').filter({ hasText: 'De inzage loopt op Station 7.' }).waitFor();
    expect(await page.getByRole('dialog').count()).to.equal(0);
  });

  it("prints the record of a review: its facts, what was seen and opened, and the audit log's lines with their hashes", async () => {
    const { page, context } = await e2e.console('sup1');
    await page.goto(`${e2e.ts.base}/admin/#/kandidaat/120001?groep=g-bi-1`);
    const link = card(page, 'Biologie KB').getByRole('region', { name: 'Eerdere inzages' })
      .getByRole('row').filter({ hasText: 'De kandidaat is uitgelogd' }).getByRole('link', { name: 'Proces-verbaal' });
    const [report] = await Promise.all([context.waitForEvent('page'), link.first().click()]);
    await report.getByRole('heading', { name: 'Proces-verbaal van inzage', level: 1 }).waitFor();
    const facts = await report.getByRole('region', { name: 'De inzage' }).textContent();
    expect(facts).to.contain('Sanne de Vries').and.contain('120001').and.contain('Biologie KB — lokaal 4').and.contain('Station 7')
      .and.contain('sup1').and.contain('De kandidaat is uitgelogd');
    expect(await report.getByRole('region', { name: 'Bekeken vragen' }).textContent()).to.contain('3 van de 7 vragen bekeken').and.contain('Vraag 1, Vraag 2, Vraag 7');
    expect(await report.getByRole('region', { name: 'Geopende antwoordsleutels en correctievoorschriften' }).textContent())
      .to.contain('Vraag 2: Antwoordsleutel').and.contain('Vraag 7: Correctievoorschrift');

    // the audit lines of this review as the log holds them: sequence number, action, hashes
    const lines = (await e2e.ts.store.audit.trail(firstId, 'review.started', e2e.ts.store.reviewRecords.get(firstId)!.endSeq! + 1));
    expect(lines.map((l) => l.action)).to.deep.equal(['review.started', 'review.revealed', 'review.revealed', 'review.ended']);
    const table = report.getByRole('table', { name: 'Regels in het auditlog over deze inzage' });
    const rows = table.getByRole('row');
    await eventually(async () => (await rows.count()) === lines.length + 1);
    for (const [i, l] of lines.entries()) {
      const row = rows.nth(i + 1);
      expect(await row.getByRole('rowheader').textContent()).to.equal(String(l.seq));
      expect(await row.textContent()).to.contain(l.action).and.contain(l.hash).and.contain(l.prev);
    }
    await report.getByText(/De keten van het auditlog klopt/).waitFor();
    await screenshot(report, 'review-record');
    await expectNoViolations(report, 'the record of a review');

    // printed: no buttons on paper; the browser's PDF of it
    await report.emulateMedia({ media: 'print' });
    expect(await report.getByRole('button', { name: 'Afdrukken of opslaan als pdf' }).isVisible()).to.equal(false);
    const pdf = await report.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');
    await report.emulateMedia({ media: 'screen' });

    // in English
    await report.getByRole('link', { name: 'English' }).click();
    await report.getByRole('heading', { name: 'Record of review', level: 1 }).waitFor();
    expect(await report.getByRole('region', { name: 'The review' }).textContent()).to.contain('The candidate logged out');
  });

  it("prints a group's overview of its reviews", async () => {
    const { page, context } = await e2e.console('sup1');
    await page.goto(`${e2e.ts.base}/admin/#/groepen/g-bi-1`);
    const [overview] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: 'Overzicht afdrukken' }).click()]);
    await overview.getByRole('heading', { name: 'Overzicht van de inzages', level: 1 }).waitFor();
    const row = overview.getByRole('table', { name: 'Gehouden en lopende inzages' }).getByRole('row', { name: /Sanne de Vries/ }).filter({ hasText: 'Station 7' }).last();
    expect(await row.textContent()).to.contain('Station 7').and.contain('De kandidaat is uitgelogd');
    await expectNoViolations(overview, "a group's overview");
    await row.getByRole('link', { name: /Openen/ }).click();
    await overview.getByRole('heading', { name: 'Proces-verbaal van inzage', level: 1 }).waitFor();
  });
});
