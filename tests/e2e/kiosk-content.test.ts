/**
 * A paper-shaped exam on the kiosk, in real Chromium against the real server (issue 20): imported by an admin
 * through the API (what the import removed comes back as warnings with their paths), then reviewed. Headings
 * are headings, a line-numbered source shows its numbers in the margin, a table has its header cells, a figure
 * its caption, MathML renders, the words around a removed tag stay apart, a long source scrolls within the
 * question, and nothing scrolls sideways at 1280 × 800, at 100 % or at 200 % text.
 */
import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';
import { pairKioskPage, screenshot } from '../helpers/browser.ts';
import { loggedIn, type StaffClient } from '../helpers/server.ts';
import { useE2E } from '../support/e2e.ts';
import { eventually } from '../support/eventually.ts';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

/** 30 lines of a source text, as numbered on paper. */
const LINES = Array.from({ length: 30 }, (_, i) =>
  `Regel ${i + 1}: koper werd al in de oudheid met tin gemengd tot brons, dat harder is dan elk van beide.`);

const STEM = [
  '<h2>Brons</h2>',
  '<p>Brons is een legering van koper en tin. Lees de bronnen en beantwoord dan de vraag.</p>',
  '<section><h3>tekstfragment — geschiedenis van koper en brons</h3>',
  `<ol class="lines">${LINES.map((l) => `<li>${l}</li>`).join('')}</ol></section>`,
  '<section><table><caption>tabel 1 Smeltpunten</caption>',
  '<thead><tr><th scope="col">stof</th><th scope="col">smeltpunt (K)</th></tr></thead>',
  '<tbody><tr><td>koper</td><td>1358</td></tr><tr><td>tin</td><td>505</td></tr><tr><td>brons</td><td>1223</td></tr></tbody></table></section>',
  `<figure><img src="${PNG}" alt="een bronzen beeld" width="120" height="80"><figcaption>figuur 1 Een bronzen beeld</figcaption></figure>`,
  '<p>De dichtheid is <math><mi>ρ</mi><mo>=</mo><mfrac><mi>m</mi><mi>V</mi></mfrac></math>.</p>',
  '<p>Het smeltpunt van brons<nav>ligt</nav>lager dan dat van koper.</p>',
  '<p>In regel 12 tot en met 14 staat waarom brons harder is. Leg dat uit met de tabel.</p>',
].join('');

/** Texts that go on from an earlier page: numbered from their `start`, one for each last digit's rule. */
const STARTS = [6, 12, 23, 34, 45];
const STEM_2 = [
  '<aside><h3>tekst 2 (vervolg)</h3>',
  ...STARTS.map((start) => `<ol class="lines" start="${start}">${Array.from({ length: 7 }, (_, i) => `<li>vervolgregel ${start + i}</li>`).join('')}</ol>`),
  '</aside><p>Hoeveel kelvin ligt het smeltpunt van tin onder dat van koper?</p>',
].join('');

function paperExam() {
  return {
    format: 'inzage/v1',
    exams: [{
      id: 'sk-havo-2026', title: 'Scheikunde HAVO', subject: 'Scheikunde', level: 'HAVO', central: true,
      review: { allowed: true, opensAt: '2026-01-01T08:00:00+01:00', closesAt: '2099-01-01T17:00:00+01:00', maxMinutes: 30, showKey: true, showScheme: true },
      questions: [
        { id: 'sk1', number: 1, type: 'open', maxScore: 3, stem: STEM,
          scheme: '<ul><li>1 punt: in regel 12 tot en met 14: tin maakt het rooster onregelmatig</li><li>2 punten: de atomen schuiven minder makkelijk langs elkaar</li></ul>' },
        { id: 'sk2', number: 2, type: 'numeric', maxScore: 1, stem: STEM_2, key: 853 },
      ],
    }],
    candidates: [{ number: '140001', firstName: 'Noor', lastName: 'Visser', className: '5H1' }],
    groups: [{ id: 'g-sk-1', name: 'Scheikunde HAVO — aula', examId: 'sk-havo-2026', startsAt: '2026-05-20T09:00:00+02:00', candidateNumbers: ['140001'] }],
    sittings: [{
      id: 's-sk-140001', groupId: 'g-sk-1', candidateNumber: '140001', startedAt: '2026-05-20T09:00:00+02:00', submittedAt: '2026-05-20T12:00:00+02:00', grade: 6.8,
      responses: [
        { questionId: 'sk1', response: 'Tin verstoort het rooster van koper, zodat de lagen minder goed langs elkaar schuiven.', score: 2 },
        { questionId: 'sk2', response: 853, score: 1 },
      ],
    }],
  };
}

/**
 * The text the renderer laid out for each `::before` of the elements matching `selector` (in any shadow root),
 * read from Chromium's layout tree: CSS-generated numbers are in no DOM text, and (by design) not in the
 * accessibility tree either. Returns, per matching element in document order, the generated text or ''.
 */
async function generatedBefore(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    // mark the elements, so that the snapshot can find them by an attribute
    const count = await page.evaluate(`(() => {
      const found = [];
      const walk = (root) => { for (const el of root.querySelectorAll('*')) { if (el.matches(${JSON.stringify(selector)})) found.push(el); if (el.shadowRoot) walk(el.shadowRoot); } };
      walk(document);
      found.forEach((el, i) => el.setAttribute('data-probe', String(i)));
      return found.length;
    })()`) as number;
    const snap = await cdp.send('DOMSnapshot.captureSnapshot', { computedStyles: [], includeDOMRects: false });
    const strings = snap.strings;
    const doc = snap.documents[0]!;
    const { nodes, layout } = doc;
    const probeOf = new Map<number, number>();
    (nodes.attributes ?? []).forEach((attrs, i) => {
      for (let a = 0; a < attrs.length; a += 2) if (strings[attrs[a]!] === 'data-probe') probeOf.set(i, Number(strings[attrs[a + 1]!]));
    });
    const textOfNode = new Map<number, string>();
    layout.nodeIndex.forEach((n, i) => {
      const t = layout.text[i];
      if (t !== undefined && t >= 0) textOfNode.set(n, (textOfNode.get(n) ?? '') + strings[t]);
    });
    const out = Array.from({ length: count }, () => '');
    const parent = nodes.parentIndex ?? [];
    nodes.pseudoType?.index.forEach((n, k) => {
      if (strings[nodes.pseudoType!.value[k]!] !== 'before') return;
      const owner = probeOf.get(parent[n]!);
      if (owner === undefined) return;
      // the pseudo element's text sits on the pseudo node itself or on a text child of it
      let text = textOfNode.get(n) ?? '';
      parent.forEach((p, child) => { if (p === n) text += textOfNode.get(child) ?? ''; });
      out[owner] = text;
    });
    return out;
  } finally {
    await cdp.detach();
  }
}

describe('kiosk: a paper-shaped exam keeps its structure', function () {
  this.timeout(90_000);
  const e2e = useE2E();
  let boss: StaffClient;
  let sup: StaffClient;
  let page: Page;
  let errors: string[];
  let importWarnings: string[] = [];

  before(async () => {
    const { ts } = e2e;
    [boss, sup] = await Promise.all([loggedIn(ts.base, 'boss'), loggedIn(ts.base, 'sup1')]);
    const imported = await boss.call('POST', '/api/imports', paperExam());
    expect(imported.status, imported.text).to.equal(200);
    importWarnings = imported.json.warnings;
    ({ page, errors } = await e2e.page({ viewport: { width: 1280, height: 800 } }));
    const kioskId = await pairKioskPage(page, ts.base, boss, 'Station 1');
    await eventually(() => ts.app.ctx.kiosks.isOnline(kioskId)); // reconnected with its new token
    const started = await sup.call('POST', '/api/reviews', { sittingId: 's-sk-140001', kioskId });
    expect(started.status, started.text).to.equal(201);
    await page.getByRole('heading', { name: 'Vraag 1' }).waitFor();
  });

  const question = () => page.getByRole('article');
  const source = () => question().locator('section').filter({ has: page.getByRole('heading', { name: /^tekstfragment/ }) });

  it('was told by the import what it removed, and where', () => {
    expect(importWarnings).to.deep.equal(['exams[0].questions[0].stem: removed <nav> but kept its text (at nav)']);
  });

  it('shows headings as headings, a table with its header cells, a figure with its caption and MathML', async () => {
    await question().getByRole('heading', { name: 'Brons', level: 2, exact: true }).waitFor();
    await question().getByRole('heading', { name: 'tekstfragment — geschiedenis van koper en brons', level: 3 }).waitFor();
    const table = question().getByRole('table', { name: 'tabel 1 Smeltpunten' });
    expect(await table.getByRole('columnheader').allTextContents()).to.deep.equal(['stof', 'smeltpunt (K)']);
    expect(await table.getByRole('row').count()).to.equal(4);
    const figure = question().getByRole('figure', { name: 'figuur 1 Een bronzen beeld' });
    const img = figure.getByRole('img', { name: 'een bronzen beeld' });
    await img.waitFor();
    // loaded, not blocked: the import keeps only images the page's CSP (img-src 'self' data:) lets through
    await eventually(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth === 1), { what: 'the inline image loaded' });
    // MathML Core, laid out as a fraction: the numerator above the denominator
    const math = question().locator('math');
    expect(await math.evaluate((el) => el.namespaceURI)).to.equal('http://www.w3.org/1998/Math/MathML');
    const [m, v] = await Promise.all([math.locator('mfrac > mi').first().boundingBox(), math.locator('mfrac > mi').last().boundingBox()]);
    expect(m!.y + m!.height).to.be.at.most(v!.y + 1);
  });

  it('keeps the words around the removed tag apart', async () => {
    const text = (await question().locator('.stem').innerText()).replace(/\s+/g, ' ');
    expect(text).to.contain('Het smeltpunt van brons ligt lager dan dat van koper.');
    expect(text).to.contain('Brons Brons is een legering');
  });

  it('numbers the source\'s lines in the margin (1, 5, 10 …), as generated text that no screen reader reads between the words', async () => {
    const lines = source().getByRole('listitem');
    expect(await lines.count()).to.equal(30);
    const numbers = await generatedBefore(page, 'ol.lines > li');
    expect(numbers).to.deep.equal(LINES.map((_, i) => (i === 0 || (i + 1) % 5 === 0 ? String(i + 1) : '')));
    // in the margin: left of the line's text, on its first line
    const box = (await lines.nth(4).boundingBox())!;
    const marker = await lines.nth(4).evaluate((el) => {
      const s = getComputedStyle(el, '::before');
      return { position: s.position, right: parseFloat(s.right), content: s.content };
    });
    expect(marker.position).to.equal('absolute');
    expect(marker.right).to.be.above(box.width);
    expect(marker.content).to.match(/\/ ""$/);
    // the accessible text of a line is the line, without a number in it
    expect((await lines.nth(4).textContent())!.trim()).to.equal(LINES[4]);
    const snapshot = await source().ariaSnapshot();
    expect(snapshot).to.contain(`- listitem: "${LINES[4]}"`);
  });

  /**
   * `beside`: the response and scheme are laid out beside the stem (room for two columns) and stay in view
   * with the source; otherwise they follow the stem, and the source keeps its own scroll position meanwhile.
   */
  it('numbers a text that goes on from an earlier page from its start', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Vraag 2', exact: true }).click();
    await page.getByRole('heading', { name: 'tekst 2 (vervolg)' }).waitFor();
    const expected = STARTS.flatMap((start) => Array.from({ length: 7 }, (_, i) => (i === 0 || (start + i) % 5 === 0 ? String(start + i) : '')));
    expect(await generatedBefore(page, 'ol.lines > li')).to.deep.equal(expected);
    await page.getByRole('navigation').getByRole('button', { name: 'Vraag 1', exact: true }).click();
    await page.getByRole('heading', { name: 'Brons', exact: true }).waitFor();
  });

  async function checkLayout(at: string, beside: boolean): Promise<void> {
    const q = question();
    // nothing scrolls sideways: not the page, not the question's scroller, not anything in the question
    const sideways = await q.evaluate((article) => {
      const out: string[] = [];
      const doc = document.documentElement;
      if (doc.scrollWidth > innerWidth) out.push(`page ${doc.scrollWidth} > ${innerWidth}`);
      const page = (article.getRootNode() as ShadowRoot).host.parentElement!;
      if (page.scrollWidth > page.clientWidth) out.push(`question scroller ${page.scrollWidth} > ${page.clientWidth}`);
      const right = page.getBoundingClientRect().right;
      for (const el of article.querySelectorAll('*')) {
        if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') out.push(`${el.tagName} scrolls sideways`);
        if (el.getBoundingClientRect().right > right + 1) out.push(`${el.tagName} sticks out`);
      }
      return out;
    });
    expect(sideways, at).to.deep.equal([]);
    // the long source scrolls within the question, and takes at most 60 % of its height
    const src = source();
    const sizes = await src.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight, page: (el.getRootNode() as ShadowRoot).host.parentElement!.clientHeight }));
    expect(sizes.scroll, `${at}: the source scrolls`).to.be.above(sizes.client);
    expect(sizes.client / sizes.page, `${at}: the source's share of the question`).to.be.at.most(0.61);
    // the candidate scrolls the source to line 12 within it
    const line12 = src.getByRole('listitem').nth(11);
    await line12.scrollIntoViewIfNeeded();
    expect(await inView(line12), `${at}: line 12`).to.equal(true);
    const sourceScroll = await src.evaluate((el) => el.scrollTop);
    expect(sourceScroll, `${at}: scrolled within the source`).to.be.above(0);
    // the candidate's answer and the marking scheme are reachable
    const toggle = page.getByRole('button', { name: 'Correctievoorschrift' });
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    const yours = page.getByRole('region', { name: 'Jouw antwoord' });
    const scheme = page.getByRole('region', { name: 'Correctievoorschrift' });
    for (const region of [yours, scheme]) {
      await region.scrollIntoViewIfNeeded();
      expect(await inView(region.getByRole('heading')), `${at}: ${await region.getAttribute('aria-labelledby')}`).to.equal(true);
    }
    if (beside) {
      // beside the stem, with line 12 of the source still in view
      const [s, a] = await Promise.all([src.boundingBox(), yours.boundingBox()]);
      expect(a!.x, `${at}: the answer beside the source`).to.be.above(s!.x + s!.width);
      expect(await inView(line12), `${at}: line 12 in view beside the scheme`).to.equal(true);
      expect(await inView(scheme.getByRole('listitem').first()), `${at}: the scheme's first point`).to.equal(true);
    } else {
      // back at the source, it is still at line 12
      await src.scrollIntoViewIfNeeded();
      expect(await src.evaluate((el) => el.scrollTop), `${at}: the source kept its place`).to.equal(sourceScroll);
      expect(await inView(line12), `${at}: line 12 again`).to.equal(true);
    }
  }

  /** Is part of the element inside the question's scroller and the window? */
  function inView(l: Locator): Promise<boolean> {
    return l.evaluate((el) => {
      const r = el.getBoundingClientRect();
      let node: Node = el;
      while (!(node instanceof ShadowRoot && node.host.localName === 'ksk-question')) node = node.parentNode ?? (node as ShadowRoot).host;
      const scroller = (node as ShadowRoot).host.parentElement!.getBoundingClientRect();
      return r.bottom > scroller.top + 4 && r.top < scroller.bottom - 4 && r.top < innerHeight && r.height > 0;
    });
  }

  it('fits 1280 × 800 at 100 % text: nothing sideways, the source scrolls within the question, answer and scheme beside it', async () => {
    await checkLayout('1280×800 at 100 %', true);
    await screenshot(page, 'kiosk-paper-100');
  });

  it('fits 1280 × 800 at 200 % text: nothing sideways, answer and scheme below the source, which keeps its place', async () => {
    for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Groter' }).click();
    expect(await page.getByRole('button', { name: 'Groter' }).isDisabled()).to.equal(true);
    await checkLayout('1280×800 at 200 %', false);
    await screenshot(page, 'kiosk-paper-200');
  });

  it('logged no errors in the browser console (no CSP violations)', () => {
    expect(errors).to.deep.equal([]);
  });
});
