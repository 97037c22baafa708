/**
 * Issue 13, point 5, sound: a listening item on a paired kiosk in real Chromium. The kiosk shows the item's audio
 * with the browser's controls, not playing by itself; it loads from the server through the review's signed URL
 * (the strict CSP allows `media-src 'self'`), so the candidate can play what they heard in the exam. The sound is
 * a WAV made in the test (`tests/support/sounds.ts`).
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { importData } from '../../server/import/index.ts';
import { pairKioskPage } from '../helpers/browser.ts';
import { loggedIn } from '../helpers/server.ts';
import { useE2E } from '../support/e2e.ts';
import { eventually } from '../support/eventually.ts';
import { withSitting } from '../support/qti.ts';
import { listeningPackage } from '../support/sounds.ts';

describe('kiosk: the sound of a listening item', function () {
  this.timeout(120_000);
  const e2e = useE2E();
  let page: Page;
  let errors: string[];

  before(async () => {
    const { ts } = e2e;
    const [boss, sup] = await Promise.all([loggedIn(ts.base, 'boss'), loggedIn(ts.base, 'sup1')]);
    const listening = listeningPackage('luistertoets');
    const imported = await importData(ts.store, withSitting(listening.file, { candidate: '150001', group: 'g-luister', sitting: 's-luister' }), { media: listening.media, actor: 'test' });
    expect(imported.ok, JSON.stringify(imported).slice(0, 2000)).to.equal(true);
    ({ page, errors } = await e2e.page({ viewport: { width: 1280, height: 800 } }));
    const kioskId = await pairKioskPage(page, ts.base, boss, 'Station 1');
    await eventually(() => ts.app.ctx.kiosks.isOnline(kioskId));
    const started = await sup.call('POST', '/api/reviews', { sittingId: 's-luister', kioskId });
    expect(started.status, started.text).to.equal(201);
    await page.getByRole('heading', { name: 'Vraag 1' }).waitFor();
  });

  afterEach(() => expect(errors, errors.join('\n')).to.deep.equal([]));

  it('shows the audio with its controls, paused, and it loads from the server', async () => {
    const audio = page.getByRole('article').locator('audio');
    await audio.waitFor();
    expect(await audio.evaluate((a: HTMLAudioElement) => ({ controls: a.controls, autoplay: a.autoplay, loop: a.loop, paused: a.paused })))
      .to.deep.equal({ controls: true, autoplay: false, loop: false, paused: true });
    await audio.evaluate((a: HTMLAudioElement) => a.load()); // as a press on play would: fetch the sound
    const state = await eventually(async () => {
      const s = await audio.evaluate((a: HTMLAudioElement) => ({ ready: a.readyState, error: a.error?.code ?? null, src: a.currentSrc, duration: a.duration }));
      return s.ready >= 1 || s.error !== null ? s : false; // HAVE_METADATA, or failed
    });
    expect(state.error).to.equal(null);
    expect(state.src).to.match(/\/api\/media\/[0-9a-f]{64}\.wav\?k=/);
    expect(state.duration).to.be.closeTo(0.5, 0.01);
    const track = await page.getByRole('article').locator('audio track').evaluate((t: HTMLTrackElement) => ({ kind: t.kind, label: t.label, lang: t.srclang }));
    expect(track).to.deep.equal({ kind: 'captions', label: 'Nederlands', lang: 'nl' });
  });
});
