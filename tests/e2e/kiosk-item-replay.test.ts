/**
 * QTI items replayed as in the exam (issue 13, items 2 and 3), in real Chromium against the real server: real
 * items of every interaction family (tests/support/itemExam.ts) with a sitting that answers each, on a paired
 * kiosk. Per family: the candidate's response stands in place in the item (found by role and name, or in the
 * sentence it fills), the key appears in place on request, and axe-core finds no WCAG 2.1 A/AA violation.
 */
import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';
import { importData } from '../../server/import/index.ts';
import { pairKioskPage, screenshot } from '../helpers/browser.ts';
import { loggedIn } from '../helpers/server.ts';
import { expectNoViolations } from '../support/axe.ts';
import { useE2E } from '../support/e2e.ts';
import { eventually } from '../support/eventually.ts';
import { ITEM_NUMBER, ITEM_SITTING, itemExam } from '../support/itemExam.ts';

describe('kiosk: QTI items replayed in place', function () {
  this.timeout(120_000);
  const e2e = useE2E();
  let page: Page;
  let errors: string[];

  before(async () => {
    const { ts } = e2e;
    const [boss, sup] = await Promise.all([loggedIn(ts.base, 'boss'), loggedIn(ts.base, 'sup1')]);
    const { file, media } = itemExam();
    const imported = await importData(ts.store, file, { media, actor: 'test' });
    expect(imported.ok, JSON.stringify(imported).slice(0, 2000)).to.equal(true);
    ({ page, errors } = await e2e.page({ viewport: { width: 1280, height: 800 } }));
    const kioskId = await pairKioskPage(page, ts.base, boss, 'Station 1');
    await eventually(() => ts.app.ctx.kiosks.isOnline(kioskId));
    const started = await sup.call('POST', '/api/reviews', { sittingId: ITEM_SITTING, kioskId });
    expect(started.status, started.text).to.equal(201);
    await page.getByRole('heading', { name: 'Vraag 1' }).waitFor();
  });

  afterEach(() => expect(errors, errors.join('\n')).to.deep.equal([]));

  const article = () => page.getByRole('article');
  const part = (n = 1) => article().getByRole('group', { name: `Onderdeel ${n}`, exact: true });
  const side = (name: string, within: Locator = part()) => within.getByRole('group', { name, exact: true });
  const items = (l: Locator) => l.getByRole('listitem').allInnerTexts();
  /** The text as read on the screen (sr-only words included), with white space made single. */
  const said = async (l: Locator) => (await l.innerText()).replace(/\s+/g, ' ');

  async function open(id: keyof typeof ITEM_NUMBER): Promise<void> {
    const n = ITEM_NUMBER[id]!;
    await page.getByRole('navigation').getByRole('button', { name: `Vraag ${n}`, exact: true }).click();
    await page.getByRole('heading', { name: `Vraag ${n}`, exact: true }).waitFor();
  }
  async function reveal(name: 'Antwoordsleutel' | 'Correctievoorschrift' = 'Antwoordsleutel'): Promise<void> {
    await page.getByRole('button', { name }).click();
    await page.getByRole('region', { name }).waitFor();
  }
  async function screen(where: string): Promise<void> {
    await screenshot(page, `kiosk-item-${where}`);
    await expectNoViolations(page, `the item screen: ${where}`);
  }

  it('choice: the options with the chosen ones marked, the correct ones and the points per answer on request', async () => {
    await open('choice-multiple');
    const chosen = part().getByRole('listitem').filter({ hasText: 'Jouw antwoord' });
    expect(await chosen.allInnerTexts()).to.have.length(2);
    expect((await chosen.allInnerTexts()).join('|')).to.match(/Hydrogen.*\|.*Chlorine/s);
    expect(await part().getByText('Juist antwoord').count()).to.equal(0);
    await expectNoViolations(page, 'a choice item before the key');
    await reveal();
    const correct = part().getByRole('listitem').filter({ hasText: 'Juist antwoord' });
    expect((await correct.allInnerTexts()).join('|')).to.match(/Hydrogen.*1 p\..*\|.*Oxygen.*1 p\./s);
    expect(await part().getByRole('listitem').filter({ hasText: 'Chlorine' }).innerText()).to.contain('-1 p.');
    await page.getByRole('region', { name: 'Antwoordsleutel' }).getByText('De juiste antwoorden staan nu bij elk onderdeel in de vraag.').waitFor();
    await screen('choice');
  });

  it('order: the candidate\'s order, the correct order beside it and each position marked on request', async () => {
    await open('order');
    expect(await items(side('Jouw volgorde'))).to.deep.equal(['Rubens Barrichello', 'Michael Schumacher', 'Jenson Button']);
    expect(await side('Jouw volgorde').getByText('Fout').count()).to.equal(0);
    await reveal();
    expect(await items(side('Juiste volgorde'))).to.deep.equal(['Michael Schumacher', 'Rubens Barrichello', 'Jenson Button']);
    // as match marks pairs: each position right or wrong in words and with an icon, a wrong one with what belongs there
    expect((await side('Jouw volgorde').getByRole('listitem').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim())).to.deep.equal([
      'Rubens Barrichello, ✗ Fout, juist: Michael Schumacher', 'Michael Schumacher, ✗ Fout, juist: Rubens Barrichello', 'Jenson Button, ✓ Goed',
    ]);
    await screen('order');
  });

  it('match (MathML labels): the candidate\'s pairs, each marked right or wrong with the correct partner, on request', async () => {
    await open('match');
    expect(await part().locator('math').count(), 'MathML labels').to.be.at.least(5);
    const mine = side('Jouw koppelingen').getByRole('listitem');
    expect(await mine.count()).to.equal(3);
    expect(await mine.nth(2).innerText()).to.contain('niet gekoppeld');
    await reveal();
    expect((await mine.allInnerTexts()).map((t) => (/Goed/.test(t) ? 'goed' : /Fout/.test(t) ? 'fout' : '?'))).to.deep.equal(['goed', 'fout', 'fout']);
    expect((await items(side('Juiste koppelingen'))).map((t) => t.replace(/^.*\s(\S+ p\.)$/s, '$1'))).to.deep.equal(['1 p.', '1 p.', '2 p.']);
    await screen('match');
  });

  it('associate: the candidate\'s pairs, the pairs that score with their points on request', async () => {
    await open('associate');
    expect(await items(side('Jouw koppelingen'))).to.deep.equal(['Antonio — Prospero', 'Capulet — Demetrius']);
    await reveal();
    expect((await items(side('Juiste koppelingen'))).map((t) => t.replace(/\s+/g, ' '))).to.deep.equal(['Antonio — Prospero 2 p.', 'Capulet — Montague 1 p.', 'Demetrius — Lysander 1 p.']);
    await screen('associate');
  });

  it('gap match: the sentence with its gaps filled with the chosen words, the correct word beside each on request', async () => {
    await open('gap-match');
    const text = () => said(part().locator('blockquote'));
    expect(await text()).to.match(/Now is the Jouw antwoord: winter of our discontent Made glorious Jouw antwoord: spring by this sun of York;/);
    expect(await items(side('Keuzemogelijkheden'))).to.deep.equal(['winter', 'spring', 'summer', 'autumn']);
    await reveal();
    expect(await text()).to.match(/Jouw antwoord: winter ✓ juist: winter of our discontent Made glorious Jouw antwoord: spring ✓ juist: summer by this/);
    expect((await items(side('Juiste koppelingen'))).map((t) => t.replace(/\s+/g, ' '))).to.deep.equal(['winter → Open plek 1 1 p.', 'summer → Open plek 2 2 p.']);
    await screen('gap-match');
  });

  it('inline choice: the chosen word in the sentence, the correct word beside it on request', async () => {
    await open('inline-choice');
    expect(await said(article())).to.match(/by this sun of Jouw antwoord: Lancaster ?;/);
    await reveal();
    expect(await said(article())).to.match(/by this sun of Jouw antwoord: Lancaster ✓ juist: York ?;/);
    await screen('inline-choice');
  });

  it('text entry: the typed words in each gap of one sentence, the accepted answers with their points on request', async () => {
    await open('text-entry');
    expect(await said(article())).to.match(/To-morrow to Jouw antwoord: fresh fields ?, and Jouw antwoord: pastures new ?\./);
    await reveal();
    expect(await said(article())).to.match(/Jouw antwoord: fresh fields ✓ juist: fresh woods 1 p\. \/ fresh fields 0,5 p\. ?, and Jouw antwoord: pastures new ✓ juist: pastures new 1 p\. \/ pastures green 0,5 p\./);
    await screen('text-entry');
  });

  it('numeric text entry: the number in its gap as Dutch writes it, the correct value on request', async () => {
    await open('numeric-entry');
    expect(await said(article())).to.match(/Jouw antwoord: 4,2 Mio\./);
    await reveal();
    expect(await said(article())).to.match(/Jouw antwoord: 4,2 ✓ juist: 4,136 Mio\./);
    await screen('numeric-entry');
  });

  it('extended text: the text with its line breaks, the marking scheme on request', async () => {
    await open('extended-text');
    expect(await side('Jouw antwoord').getByText('Dear Sam').innerText()).to.equal('Dear Sam,\nThanks for your postcard.\nLove, Kim');
    await reveal('Correctievoorschrift');
    await page.getByRole('region', { name: 'Correctievoorschrift' }).getByRole('heading', { name: 'Scoring Guidelines' }).waitFor();
    await screen('extended-text');
  });

  it('hotspot: the picture with the chosen area drawn on it and named beside it, the correct area on request', async () => {
    await open('hotspot');
    await part().getByRole('img', { name: 'UK Map' }).waitFor();
    const drawn = part().locator('ksk-item-picture svg');
    await eventually(async () => expect(await drawn.locator('.chosen').count()).to.equal(1));
    expect(await items(side('Jouw antwoord op de afbeelding'))).to.deep.equal(['Gebied 2']);
    expect(await drawn.locator('.correct').count()).to.equal(0);
    await reveal();
    expect(await items(side('Juist op de afbeelding'))).to.deep.equal(['Gebied 1']);
    expect(await drawn.locator('.correct').count()).to.equal(1);
    await screen('hotspot');
  });

  it('select point: the candidate\'s point on the picture and in words, the area that scores on request', async () => {
    await open('select-point');
    const drawn = part().locator('ksk-item-picture svg');
    await eventually(async () => expect(await drawn.locator('.cross.chosen').count()).to.equal(1));
    expect(await items(side('Jouw antwoord op de afbeelding'))).to.deep.equal(['Punt (300, 200)']);
    await reveal();
    expect((await items(side('Juist op de afbeelding'))).map((t) => t.replace(/\s+/g, ' '))).to.deep.equal(['Juist gebied 1 1 p.']);
    expect(await drawn.locator('rect.correct').count()).to.equal(1);
    await screen('select-point');
  });

  it('graphic order: the areas in the candidate\'s order, the correct order on request', async () => {
    await open('graphic-order');
    expect(await items(side('Jouw volgorde'))).to.deep.equal(['Gebied 1', 'Gebied 3', 'Gebied 4', 'Gebied 2']);
    await reveal();
    expect(await items(side('Juiste volgorde'))).to.deep.equal(['Gebied 1', 'Gebied 4', 'Gebied 3', 'Gebied 2']);
    expect((await side('Jouw volgorde').getByRole('listitem').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim())).to.deep.equal([
      'Gebied 1, ✓ Goed', 'Gebied 3, ✗ Fout, juist: Gebied 4', 'Gebied 4, ✗ Fout, juist: Gebied 3', 'Gebied 2, ✓ Goed',
    ]);
    await screen('graphic-order');
  });

  it('graphic associate: the candidate\'s pairs drawn as lines and named, the scoring pairs on request', async () => {
    await open('graphic-associate');
    const drawn = part().locator('ksk-item-picture svg');
    await eventually(async () => expect(await drawn.locator('line.chosen').count()).to.equal(2));
    expect(await items(side('Jouw koppelingen'))).to.deep.equal(['Gebied 1 — Gebied 2', 'Gebied 3 — Gebied 4']);
    await reveal();
    expect(await drawn.locator('line.correct').count()).to.equal(2);
    expect((await items(side('Juiste koppelingen'))).map((t) => t.replace(/\s+/g, ' '))).to.include.members(['Gebied 2 — Gebied 3 1 p.', 'Gebied 3 — Gebied 4 1 p.', 'Gebied 1 — Gebied 2 -1 p.']);
    await screen('graphic-associate');
  });

  it('graphic gap match: the areas the candidate labelled, the correct labels on request', async () => {
    await open('graphic-gap-match');
    const drawn = part().locator('ksk-item-picture svg');
    await eventually(async () => expect(await drawn.locator('.chosen').count()).to.equal(2));
    expect((await items(side('Jouw antwoord op de afbeelding'))).map((t) => t.trim())).to.deep.equal(['→ Gebied 1', '→ Gebied 2']);
    await reveal();
    expect(await drawn.locator('.correct').count()).to.equal(3);
    expect(await side('Juist op de afbeelding').getByRole('listitem').count()).to.equal(3);
    await screen('graphic-gap-match');
  });

  it('hottext: the chosen words marked in the text, the correct ones on request', async () => {
    await open('hottext');
    expect(await said(part())).to.match(/Sponsors of the Olympic Games who bought \(gekozen\) advertising time on United States television includes at least/);
    await reveal();
    expect(await said(part())).to.match(/who bought \(gekozen\) advertising .* includes ✓ Juist antwoord at least/);
    await screen('hottext');
  });

  it('slider: the value on its scale, the correct values and their points on request', async () => {
    await open('slider');
    await side('Jouw antwoord').getByText('Gekozen waarde: 25 (schaal van 0 tot 100)').waitFor();
    await reveal();
    expect((await items(side('Juiste waarde'))).map((t) => t.replace(/\s+/g, ' '))).to.include.members(['16 1 p.', '12 0,5 p.']);
    await screen('slider');
  });

  it('an interaction that cannot be shown: its prompt and a line that says so', async () => {
    await open('upload');
    await part().getByText('Build a spreadsheet').waitFor();
    await part().getByText('Dit vraagtype kan hier niet worden weergegeven').waitFor();
    await screen('unsupported');
  });

  it('in English: the same words from the English catalogue', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Question 17', exact: true }).waitFor();
    await article().getByText('This type of question cannot be shown here').waitFor();
    await page.getByRole('navigation').getByRole('button', { name: `Question ${ITEM_NUMBER['gap-match']}`, exact: true }).click();
    expect(await said(article().getByRole('group', { name: 'Part 1', exact: true }).locator('blockquote'))).to.match(/Now is the Your answer: winter ✓ correct: winter of our discontent/);
    await expectNoViolations(page, 'a gap match item in English');
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await page.getByRole('heading', { name: `Vraag ${ITEM_NUMBER['gap-match']}`, exact: true }).waitFor();
  });

  it('fits 1024 × 768 at 200 % text: no item scrolls sideways, pictures scale to the width', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Groter' }).click();
    for (const id of ['choice-multiple', 'match', 'gap-match', 'text-entry', 'select-point', 'graphic-gap-match', 'hottext', 'slider'] as const) {
      await open(id);
      const sideways = await article().evaluate((el) => {
        const out: string[] = [];
        const scroller = (el.getRootNode() as ShadowRoot).host.parentElement!;
        if (document.documentElement.scrollWidth > innerWidth) out.push('the page');
        if (scroller.scrollWidth > scroller.clientWidth) out.push(`the question ${scroller.scrollWidth} > ${scroller.clientWidth}`);
        const right = scroller.getBoundingClientRect().right;
        const all = [...el.querySelectorAll('*')].flatMap((x) => [x, ...(x.shadowRoot ? x.shadowRoot.querySelectorAll('*') : [])]);
        for (const x of all) if (x.getBoundingClientRect().right > right + 1) out.push(`${x.tagName}.${x.getAttribute('class') ?? ''} sticks out`);
        return out;
      });
      expect(sideways, id).to.deep.equal([]);
      if (id === 'select-point') {
        // the picture (627 px wide as the item declares it) scaled to the width there is, the point still on it
        const widths = await part().getByRole('img', { name: 'Graph of cubic' }).evaluate((img) => ({ img: img.getBoundingClientRect().width, declared: (img as HTMLImageElement).width }));
        expect(widths.img).to.be.at.most(627);
        await part().getByRole('img', { name: 'Graph of cubic' }).scrollIntoViewIfNeeded();
        await screenshot(page, 'kiosk-item-200-select-point');
      }
    }
    for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Kleiner' }).click();
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
