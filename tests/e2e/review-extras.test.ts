/**
 * Issue 14, items 1–3 in the browser: a remark placed on the kiosk appears in the examiner's queue ('Opmerkingen')
 * and its CSV; the reveal policy shows or hides keys and scores on the kiosk; a candidate with 25 % extra time gets a
 * 25 % longer limit and a 'Voorlezen' control that speaks with `lang="nl-NL"`. Speech synthesis is the browser's
 * own: the page wraps `speechSynthesis.speak` before it loads, to observe what it is asked to say.
 */
import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { pairKioskPage, screenshot } from '../helpers/browser.ts';
import { FIXTURES, loggedIn, type StaffClient } from '../helpers/server.ts';
import { useE2E } from '../support/e2e.ts';

function sample() {
  const data = JSON.parse(readFileSync(join(FIXTURES, 'sample.json'), 'utf8'));
  data.candidates.find((c: any) => c.number === '120002').accommodations = { extraTimePercent: 25, readAloud: true };
  return data;
}

declare global {
  interface Window { spoken: { lang: string; text: string }[] }
}

describe('the review: remarks, reveal policy and accommodations in the browser', function () {
  this.timeout(120_000);
  const e2e = useE2E({ server: { data: sample() }, noPageErrors: true });
  let boss: StaffClient, sup: StaffClient;

  before(async () => {
    [boss, sup] = await Promise.all([loggedIn(e2e.ts.base, 'boss'), loggedIn(e2e.ts.base, 'sup1')]);
  });
  afterEach(async () => {
    for (const r of e2e.ts.app.ctx.engine.active()) await e2e.ts.app.ctx.engine.finish(r.id, 'ended-by-supervisor', 'test');
  });

  async function kioskWithReview(name: string, sittingId: string): Promise<{ page: Page; review: any }> {
    const { page } = await e2e.page({ viewport: { width: 1280, height: 900 } });
    // observe the browser's speech synthesis: what it is asked to speak, in which language
    await page.addInitScript(() => {
      window.spoken = [];
      if (typeof speechSynthesis === 'undefined') return;
      const speak = speechSynthesis.speak.bind(speechSynthesis);
      speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
        window.spoken.push({ lang: u.lang, text: u.text });
        speak(u);
      };
    });
    const kioskId = await pairKioskPage(page, e2e.ts.base, boss, name);
    const r = await sup.call('POST', '/api/reviews', { sittingId, kioskId });
    expect(r.status, r.text).to.equal(201);
    await page.getByRole('heading', { name: 'Vraag 1' }).waitFor();
    return { page, review: r.json };
  }

  it("a remark placed on the kiosk shows there as saved, appears in the examiner's queue and its CSV, and is handled there", async () => {
    const { page } = await kioskWithReview('Station O', 's-bi-120003');
    const form = page.getByRole('region', { name: 'Opmerking' });
    await form.getByRole('radio', { name: 'Mijn antwoord is ook goed' }).check();
    await form.getByLabel('Toelichting').fill('Mitochondriën is het meervoud, dat is ook goed.');
    await form.getByText('47 van 1.000 tekens').waitFor();
    await form.getByRole('button', { name: 'Opmerking opslaan' }).click();
    await form.getByRole('status').filter({ hasText: 'Je opmerking is opgeslagen om' }).waitFor();
    await screenshot(page, 'kiosk-remark');

    const { page: c } = await e2e.console('sup1');
    // the live count in 'Actieve inzages'
    await c.getByText('Opmerkingen: 1').waitFor();
    await c.getByRole('link', { name: 'Opmerkingen' }).click();
    await c.getByRole('heading', { name: 'Opmerkingen', level: 1 }).waitFor();
    const row = c.getByRole('row').filter({ hasText: 'Mitochondriën is het meervoud' });
    await row.waitFor();
    expect(await row.textContent()).to.contain('Vraag 1').and.contain('Mijn antwoord is ook goed').and.contain('open');

    const link = c.getByRole('link', { name: 'Exporteren als CSV' });
    const [download] = await Promise.all([c.waitForEvent('download'), link.click()]);
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(csv[0]).to.match(/^examen;afnamegroep;examennummer;kandidaat;vraag;soort;opmerking/);
    expect(csv.some((l) => l.includes('Mijn antwoord is ook goed;Mitochondriën is het meervoud, dat is ook goed.;'))).to.equal(true);

    await row.getByRole('button', { name: /Afhandelen|afhandelen/ }).click();
    await c.getByLabel('Reactie').fill('Goedgekeurd: score wordt aangepast.');
    await c.getByRole('button', { name: 'Opslaan als afgehandeld' }).click();
    await c.getByRole('row').filter({ hasText: 'Goedgekeurd: score wordt aangepast.' }).filter({ hasText: 'afgehandeld' }).waitFor();
    await screenshot(c, 'console-remarks');
  });

  it("a candidate with 25 % extra time gets a 25 % longer limit, and 'Voorlezen' speaks in nl-NL", async () => {
    const { page, review } = await kioskWithReview('Station V', 's-bi-120002');
    expect(Date.parse(review.endsAt) - Date.parse(review.startedAt)).to.equal(30 * 60_000 * 1.25);
    const speak = page.getByRole('button', { name: 'Voorlezen' });
    await speak.click();
    await page.waitForFunction(() => window.spoken.length > 0);
    const spoken = await page.evaluate(() => window.spoken);
    expect(spoken[0]!.lang).to.equal('nl-NL');
    expect(spoken[0]!.text).to.match(/^Vraag 1\. /).and.contain('Jouw antwoord:');
    // in English, in an English voice
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Read aloud' }).click();
    await page.waitForFunction(() => window.spoken.length > 1);
    expect((await page.evaluate(() => window.spoken))[1]).to.deep.include({ lang: 'en-GB' });
    // the console rows show the accommodations
    const { page: c } = await e2e.console('sup1');
    await c.goto(`${e2e.ts.base}/admin/#/groepen/g-bi-1`);
    const row = c.getByRole('row').filter({ hasText: '120002' });
    await row.getByText('Extra tijd 25%').waitFor();
    expect(await row.textContent()).to.contain('Voorlezen');
  });

  it("shows a key sent up front without a click, hides per-question scores, and offers no key where the policy says 'never'", async () => {
    // set in the console's Examens screen
    const { page: c } = await e2e.console('boss');
    await c.goto(`${e2e.ts.base}/admin/#/examens`);
    await c.getByRole('button', { name: 'Inzage-instellingen wijzigen: Biologie KB' }).click();
    const dialog = c.getByRole('dialog', { name: 'Inzage-instellingen: Biologie KB' });
    await dialog.getByLabel('Antwoordsleutel tonen').selectOption('always');
    await dialog.getByLabel('Correctievoorschrift tonen').selectOption('never');
    await dialog.getByLabel('Score per vraag').selectOption('hidden');
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await c.getByRole('status').filter({ hasText: 'De inzage-instellingen van ‘Biologie KB’ zijn opgeslagen.' }).waitFor();
    // the status is shown before the list is fetched again: wait for the row's new text, not a fixed time
    const row = c.getByRole('row', { name: /Biologie KB/ }).filter({ hasText: 'antwoordsleutel: altijd' });
    await row.waitFor();
    expect(await row.textContent()).to.contain('antwoordsleutel: altijd').and.contain('scores per vraag verborgen');
    const exams = await boss.call('GET', '/api/exams');
    expect(exams.json.find((e: any) => e.id === 'bi-kb-2026').review).to.deep.include({
      showKey: true, showScheme: false, reveal: { key: 'always', scheme: 'never', scope: 'all', scores: 'hidden' },
    });
    const { page } = await kioskWithReview('Station B', 's-bi-120001');
    await page.getByRole('region', { name: 'Antwoordsleutel' }).waitFor();
    expect(await page.getByText('1 van 1 punt').count()).to.equal(0);
    await page.getByText('maximaal 1 punt').first().waitFor();
    await page.getByRole('button', { name: 'Vraag 7', exact: true }).click();
    await page.getByRole('heading', { name: 'Vraag 7' }).waitFor();
    await page.getByText('Het correctievoorschrift wordt bij dit examen niet getoond.').waitFor();
    expect(await page.getByRole('button', { name: 'Correctievoorschrift' }).count()).to.equal(0);
    await screenshot(page, 'kiosk-policy-always-hidden-scores');
  });
});
