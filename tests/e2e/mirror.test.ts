/**
 * 'Meekijken' in the browser (issue 14, item 5): from 'Actieve inzages' a supervisor opens a read-only mirror of a
 * running review, which follows the kiosk — the candidate moves on, the mirror shows the new question; the candidate
 * opens the key, the mirror shows it open with the key as the kiosk renders it; folded away, closed again. The
 * kiosk shows nothing of it (and after a reload reports its panels closed); the opening is audited; when the review ends the mirror says so and drops the question.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { pairKioskPage, screenshot } from '../helpers/browser.ts';
import { loggedIn, type StaffClient } from '../helpers/server.ts';
import { expectNoViolations } from '../support/axe.ts';
import { useE2E } from '../support/e2e.ts';
import { eventually } from '../support/eventually.ts';

describe('the supervisor\'s mirror (Meekijken) in the browser', function () {
  this.timeout(120_000);
  const e2e = useE2E({ noPageErrors: true });
  let boss: StaffClient, sup: StaffClient;

  before(async () => {
    [boss, sup] = await Promise.all([loggedIn(e2e.ts.base, 'boss'), loggedIn(e2e.ts.base, 'sup1')]);
  });

  /** The text of an element inside the (shadow) DOM, whitespace folded. */
  const textIn = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

  it('follows the kiosk: a new question, the key opened and folded away; the kiosk shows nothing; the end closes it', async () => {
    const { page: kiosk } = await e2e.page({ viewport: { width: 1280, height: 900 } });
    const kioskId = await pairKioskPage(kiosk, e2e.ts.base, boss, 'Station W');
    const r = await sup.call('POST', '/api/reviews', { sittingId: 's-bi-120001', kioskId });
    expect(r.status, r.text).to.equal(201);
    await kiosk.getByRole('heading', { name: 'Vraag 1' }).waitFor();

    const { page: c } = await e2e.console('sup1');
    await c.getByRole('button', { name: 'Meekijken: Sanne de Vries op Station W' }).click();
    await c.getByRole('heading', { name: 'Meekijken', level: 1 }).waitFor();
    const mirror = c.locator('adm-mirror-question');
    await mirror.getByRole('heading', { name: 'Vraag 1' }).waitFor();
    await mirror.getByText('Antwoordsleutel: dicht').waitFor();
    await c.getByRole('status').filter({ hasText: 'Vraag 1 van 7' }).waitFor();
    // audited with the supervisor's username
    await eventually(async () => (await e2e.ts.store.audit.readAll()).some((e) => e.action === 'review.mirror-opened' && e.actor === 'sup1' && e.target === r.json.id));

    // the candidate moves on: the mirror follows
    await kiosk.getByRole('button', { name: 'Volgende' }).click();
    await kiosk.getByRole('heading', { name: 'Vraag 2' }).waitFor();
    await mirror.getByRole('heading', { name: 'Vraag 2' }).waitFor();
    await c.getByRole('status').filter({ hasText: 'Vraag 2 van 7' }).waitFor();
    expect(await textIn(c, 'adm-mirror-question .stem')).to.equal(await textIn(kiosk, 'ksk-question .stem'));

    // the candidate opens the key: the mirror shows it open, rendered as on the kiosk
    await kiosk.getByRole('button', { name: 'Antwoordsleutel' }).click();
    await kiosk.getByRole('button', { name: 'Antwoordsleutel', expanded: true }).waitFor();
    await mirror.getByText('Antwoordsleutel: open').waitFor();
    await eventually(async () => (await textIn(c, 'adm-mirror-question .response')) === (await textIn(kiosk, 'ksk-question .response')));
    await screenshot(c, 'console-mirror');
    await expectNoViolations(c, 'the mirror with a key open');

    // folded away on the kiosk: closed on the mirror
    await kiosk.getByRole('button', { name: 'Antwoordsleutel', expanded: true }).click();
    await kiosk.getByRole('button', { name: 'Antwoordsleutel', expanded: false }).waitFor();
    await mirror.getByText('Antwoordsleutel: dicht').waitFor();

    // the kiosk shows nothing of being watched
    expect(await kiosk.getByText(/meekijk|mirror|watch/i).count()).to.equal(0);

    // opened again, then the kiosk reloads: back at its question with every panel closed, and the mirror says so
    await kiosk.getByRole('button', { name: 'Antwoordsleutel' }).click();
    await mirror.getByText('Antwoordsleutel: open').waitFor();
    await kiosk.reload();
    await kiosk.getByRole('button', { name: 'Antwoordsleutel', expanded: false }).waitFor();
    await mirror.getByText('Antwoordsleutel: dicht').waitFor();
    await mirror.getByRole('heading', { name: 'Vraag 2' }).waitFor();

    // the review ends: the mirror says so, and the question is gone
    expect((await sup.call('DELETE', `/api/reviews/${r.json.id}`)).status).to.equal(204);
    await c.getByText('De inzage is beëindigd; meekijken is gestopt.').waitFor();
    expect(await c.locator('adm-mirror-question').count()).to.equal(0);
  });

  it('in English: the button and the screen are named in the console\'s language', async () => {
    const { page: kiosk } = await e2e.page({ viewport: { width: 1280, height: 900 } });
    const kioskId = await pairKioskPage(kiosk, e2e.ts.base, boss, 'Station E');
    const r = await sup.call('POST', '/api/reviews', { sittingId: 's-bi-120002', kioskId });
    expect(r.status, r.text).to.equal(201);
    const { page: c } = await e2e.console('sup1');
    await c.getByRole('button', { name: 'English' }).click();
    const name = r.json.candidateName as string;
    await c.getByRole('button', { name: `Watch: ${name} on Station E` }).click();
    await c.getByRole('heading', { name: 'Watching', level: 1 }).waitFor();
    await c.locator('adm-mirror-question').getByText('Answer key: closed').waitFor();
    expect((await sup.call('DELETE', `/api/reviews/${r.json.id}`)).status).to.equal(204);
    await c.getByText('The review has ended; watching stopped.').waitFor();
  });
});
