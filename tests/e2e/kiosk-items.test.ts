/**
 * A real QTI package (QTI 2.2, Onyx) on the kiosk, in real Chromium against the real server (issue 13): read by the
 * QTI import, imported with a sitting through the API, reviewed: the item's text as in the exam with the
 * candidate's response in place, and the key in place on request. Every interaction family: kiosk-item-replay.test.ts.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { packageFromFolder, readQtiPackage } from '../../server/import/qti/index.ts';
import { pairKioskPage } from '../helpers/browser.ts';
import { loggedIn, type StaffClient } from '../helpers/server.ts';
import { useE2E } from '../support/e2e.ts';
import { eventually } from '../support/eventually.ts';
import { SAXONY } from '../support/qti.ts';

function saxonyWithSitting() {
  const r = readQtiPackage(packageFromFolder(SAXONY));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  const exam = { ...r.file.exams[0]!, review: { allowed: true, opensAt: '2026-01-01T08:00:00+01:00', closesAt: '2099-01-01T17:00:00+01:00', maxMinutes: 30, showKey: true, showScheme: true } };
  return {
    ...r.file,
    exams: [exam],
    candidates: [{ number: '150001', firstName: 'Lena', lastName: 'Berg' }],
    groups: [{ id: 'g-sachsen', name: 'Sachsen', examId: exam.id, startsAt: '2026-05-20T09:00:00+02:00', candidateNumbers: ['150001'] }],
    sittings: [{
      id: 's-sachsen-150001', groupId: 'g-sachsen', candidateNumber: '150001', startedAt: '2026-05-20T09:00:00+02:00', submittedAt: '2026-05-20T10:00:00+02:00',
      responses: [
        { questionId: 'Choicetruefalse_176040516', response: { RESPONSE_27628688: ['choice_1416143937'] }, score: 0 },
        { questionId: 'TextEntry_883368511', response: { RESPONSE_1: ['Brocken'] }, score: 0 },
      ],
    }],
  };
}

describe('kiosk: QTI items from a real package', function () {
  this.timeout(90_000);
  const e2e = useE2E();
  let boss: StaffClient;
  let sup: StaffClient;
  let page: Page;

  before(async () => {
    const { ts } = e2e;
    [boss, sup] = await Promise.all([loggedIn(ts.base, 'boss'), loggedIn(ts.base, 'sup1')]);
    const imported = await boss.call('POST', '/api/imports', saxonyWithSitting());
    expect(imported.status, imported.text).to.equal(200);
    ({ page } = await e2e.page({ viewport: { width: 1280, height: 800 } }));
    const kioskId = await pairKioskPage(page, ts.base, boss, 'Station 1');
    await eventually(() => ts.app.ctx.kiosks.isOnline(kioskId));
    const started = await sup.call('POST', '/api/reviews', { sittingId: 's-sachsen-150001', kioskId });
    expect(started.status, started.text).to.equal(201);
    await page.getByRole('heading', { name: 'Vraag 1' }).waitFor();
  });

  const part = () => page.getByRole('article').getByRole('group', { name: 'Onderdeel 1', exact: true });
  const options = (tag: string) => part().getByRole('listitem').filter({ hasText: tag });

  it('shows a choice item\'s text and its options with the candidate\'s choice marked, and the key in place on request', async () => {
    await page.getByRole('article').getByText('Das Bundesland Sachsen ist eines der neuen Bundesländer').waitFor();
    expect(await options('Jouw antwoord').allInnerTexts()).to.have.length(1);
    expect(await options('Jouw antwoord').innerText()).to.contain('Falsch');
    await page.getByRole('button', { name: 'Antwoordsleutel' }).click();
    await page.getByRole('region', { name: 'Antwoordsleutel' }).waitFor();
    expect(await options('Juist antwoord').allInnerTexts()).to.have.length(1);
    expect(await options('Juist antwoord').innerText()).to.contain('Richtig');
  });

  it('shows a text entry item with the candidate\'s words in the gap of its sentence', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Vraag 9', exact: true }).click();
    await eventually(async () => expect((await page.getByRole('article').innerText()).replace(/\s+/g, ' ')).to.match(/Mit 1215 Metern ist der Jouw antwoord: Brocken die höchste Erhebung/));
  });
});
