/**
 * A re-import that changes an exam, in real Chromium: the console's dry run says which questions change and
 * how many sittings stay on the old version; after the import the kiosk shows a stored sitting exactly as it
 * was taken — its questions, its answers, its score.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pairKioskPage, screenshot } from '../helpers/browser.ts';
import { FIXTURES, loggedIn, type StaffClient } from '../helpers/server.ts';
import { useE2E } from '../support/e2e.ts';

/** The sample's biology exam as a school sends it again: question 2 reworded, question 7 dropped. */
function changedExam(): unknown {
  const data = JSON.parse(readFileSync(join(FIXTURES, 'sample.json'), 'utf8'));
  const exam = data.exams.find((e: { id: string }) => e.id === 'bi-kb-2026');
  exam.questions[1].stem = '<p>Welke twee stoffen gebruikt een plant bij fotosynthese?</p>';
  exam.questions = exam.questions.filter((q: { id: string }) => q.id !== 'bi7');
  return { format: 'inzage/v1', exams: [exam] };
}

describe('re-importing a changed exam (e2e): console and kiosk', function () {
  this.timeout(90_000);
  const e2e = useE2E();
  let boss: StaffClient, sup: StaffClient;

  before(async () => {
    [boss, sup] = await Promise.all([loggedIn(e2e.ts.base, 'boss'), loggedIn(e2e.ts.base, 'sup1')]);
  });

  it('says what changes before the import, and the kiosk then shows a stored sitting as it was taken', async () => {
    const { ts } = e2e;
    const { context: consoleContext, page, errors: consoleErrors } = await e2e.console('boss', { viewport: { width: 1280, height: 860 } });
    await page.getByRole('navigation').getByRole('link', { name: 'Importeren', exact: true }).click();
    await page.getByLabel('Importbestand').setInputFiles({ name: 'biologie.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(changedExam())) });

    const checked = page.getByRole('region', { name: 'Controle geslaagd' });
    const exams = checked.getByRole('region', { name: 'Examens in dit bestand' });
    const item = exams.getByRole('listitem');
    await item.waitFor();
    const said = (await item.textContent())!.replace(/\s+/g, ' ').trim();
    expect(said).to.equal('Biologie KB (bi-kb-2026): nieuwe versie: vraag 2 gewijzigd, vraag 7 vervallen. Maximale score 12 → 9. 3 afnames blijven op de oude versie.');
    await screenshot(page, 'console-admin-import-new-version');
    await checked.getByRole('button', { name: 'Importeren', exact: true }).click();
    await page.getByRole('region', { name: 'Geïmporteerd' }).getByRole('listitem').filter({ hasText: '3 afnames blijven op de oude versie.' }).waitFor();
    expect(consoleErrors).to.deep.equal([]);
    await consoleContext.close();

    const { page: kiosk, errors: kioskErrors } = await e2e.page({ viewport: { width: 1280, height: 800 } });
    const kioskId = await pairKioskPage(kiosk, ts.base, boss, 'Station 1');
    const r = await sup.call('POST', '/api/reviews', { sittingId: 's-bi-120002', kioskId });
    expect(r.status, r.text).to.equal(201);
    await kiosk.getByText('Score: 1 van 12 punten').waitFor();
    const nav = kiosk.getByRole('navigation');
    expect(await nav.getByRole('button', { name: /^Vraag \d+$/ }).count()).to.equal(7);
    await nav.getByRole('button', { name: 'Vraag 2', exact: true }).click();
    await kiosk.getByRole('heading', { name: 'Vraag 2' }).waitFor();
    await kiosk.getByText('Welke twee stoffen zijn nodig voor fotosynthese?').waitFor();
    await kiosk.getByText('1 van 2 punten').first().waitFor();
    await nav.getByRole('button', { name: 'Vraag 7', exact: true }).click();
    await kiosk.getByRole('heading', { name: 'Vraag 7' }).waitFor();
    await kiosk.getByRole('button', { name: 'Correctievoorschrift' }).click();
    await kiosk.getByRole('region', { name: 'Correctievoorschrift' }).waitFor();
    await screenshot(kiosk, 'kiosk-old-version-after-reimport');
    expect(kioskErrors).to.deep.equal([]);
  });
});
