/**
 * A real QTI package (QTI 2.2, Onyx) on the kiosk, in real Chromium against the real server (issue 13): read by the
 * QTI import, imported with a sitting through the API, reviewed. For now the kiosk shows an item's text as in the
 * exam and lists each part's response in words, with the key or scheme on request (the replay in place is later).
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

  const yours = () => page.getByRole('region', { name: 'Jouw antwoord' });

  it('shows a choice item\'s text and the candidate\'s choice by its label, and the key on request', async () => {
    await page.getByRole('article').getByText('Das Bundesland Sachsen ist eines der neuen Bundesländer').waitFor();
    await yours().getByRole('heading', { name: 'Onderdeel 1' }).waitFor();
    expect(await yours().getByRole('listitem').allTextContents()).to.deep.equal(['Falsch']);
    await page.getByRole('button', { name: 'Antwoordsleutel' }).click();
    const key = page.getByRole('region', { name: 'Antwoordsleutel' });
    await eventually(async () => expect(await key.getByRole('listitem').allTextContents()).to.deep.equal(['Richtig']));
  });

  it('shows a text entry item with the sentence around its gap and the candidate\'s words', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Vraag 9', exact: true }).click();
    await page.getByRole('article').getByText(/Mit 1215 Metern ist der\s+die\s+höchste Erhebung/).waitFor();
    await eventually(async () => expect(await yours().getByRole('listitem').allTextContents()).to.deep.equal(['Brocken']));
  });
});
