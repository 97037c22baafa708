/**
 * Row 6: the kiosk's first screen. The gzipped size of the kiosk's JavaScript (after `npm run build`), and
 * the time from navigation start to the idle screen (the station's name) painted, in Chromium, for a kiosk
 * paired beforehand (its token in localStorage and its cookie, as the kiosk app keeps them). Each load gets a
 * fresh browser context: no cached files. Alternately with those
 * loads, the browser's own share: the first paint of a page with nothing to load (`browserFcp`).
 */
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { KIOSK_TOKEN_COOKIE } from '../../shared/transport.ts';
import { ROOT } from '../lib/env.ts';
import type { SittingRef } from '../lib/context.ts';
import type { SeededKiosk } from '../lib/seed.ts';
import type { Staff } from '../lib/staff.ts';
import { latency, type Latency } from '../lib/stats.ts';

export const KIOSK_DIR = join(ROOT, 'dist', 'web', 'kiosk');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Sizes in KB (1,024 bytes); gzip level 6, each file on its own as it is sent. */
export interface BundleResult { gzipKb: number; rawKb: number; firstScreenGzipKb: number; files: number; built: boolean; note: string }
/**
 * `browserFcp`: the same browser's first contentful paint of a page with nothing to load (one line of text, the
 * kiosk's boot line, served by a bare `node:http` server in this process), loaded in a fresh context alternately
 * with the kiosk page: what this browser on this machine needs before any page of ours can paint.
 */
export interface PaintResult { paint: Latency; fcp: Latency; browserFcp: Latency; browserStarts?: Latency }

/** Optionally, starts on the real kiosk (it acknowledges `review:started` once the review is rendered). */
export interface BrowserStarts { staff: Staff; sittings: SittingRef[]; n: number }

/**
 * A paired kiosk, as the kiosk app keeps its pairing (kiosk/src/data/token.ts): its device token in localStorage,
 * and a copy in a cookie of the kiosk's path, which brings the idle screen with the page (server/http/kioskPage.ts).
 */
const setToken = (token: string) => `localStorage.setItem('inzage.kioskToken', ${JSON.stringify(token)});`;
const tokenCookie = (base: string, token: string) => ({ name: KIOSK_TOKEN_COOKIE, value: token, url: `${base}/kiosk/`, sameSite: 'Strict' as const });
/** A function, not a string: the kiosk's CSP forbids eval (a function has no inner helpers to lose here). */
const idlePaintMs = () => (window as unknown as { __idlePaintMs?: number }).__idlePaintMs;

/**
 * After `npm run build`: the kiosk's JavaScript (dist/web/kiosk/assets/*.js, content-hashed) in all, and the part
 * its first screen loads — the files its page names (the entry and its module preloads); the review's renderers
 * are a chunk loaded after that screen.
 */
export function buildAndMeasureBundle(): BundleResult {
  const b = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8', shell: process.platform === 'win32' });
  const built = b.status === 0;
  const page = join(KIOSK_DIR, 'index.html');
  const assets = join(KIOSK_DIR, 'assets');
  if (!existsSync(page) || !existsSync(assets)) return { gzipKb: NaN, rawKb: NaN, firstScreenGzipKb: NaN, files: 0, built, note: 'no dist/web/kiosk/assets' };
  const gz = (f: string) => gzipSync(readFileSync(f), { level: 6 }).length / 1024;
  const js = readdirSync(assets).filter((f) => f.endsWith('.js')).map((f) => join(assets, f));
  const named = [...readFileSync(page, 'utf8').matchAll(/(?:src|href)="(assets\/[^"]+\.js)"/g)].map((m) => join(KIOSK_DIR, m[1]!));
  return {
    gzipKb: js.reduce((t, f) => t + gz(f), 0),
    rawKb: js.reduce((t, f) => t + readFileSync(f).length, 0) / 1024,
    firstScreenGzipKb: named.reduce((t, f) => t + gz(f), 0),
    files: js.length,
    built,
    note: built ? '' : `npm run build failed (measured the existing bundle): ${(b.stderr || b.stdout).trim().split('\n').slice(-3).join(' ')}`,
  };
}

/**
 * Installed before the page's own scripts: looks for the station name in the document and every open shadow
 * root once a frame; once it is there, notes the time just after that frame was painted. Plain JavaScript in
 * a string: a serialised TypeScript function would carry the transpiler's helpers with it.
 */
const watchForText = (name: string) => `(() => {
  const name = ${JSON.stringify(name)};
  const find = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot && find(el.shadowRoot)) return true;
      if (el.childElementCount === 0 && el.textContent.trim() === name) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.height > 0) return true;
      }
    }
    return false;
  };
  const frame = () => {
    if (find(document)) setTimeout(() => { window.__idlePaintMs = performance.now(); }, 0);
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();`;

export async function measureIdlePaint(base: string, kiosk: SeededKiosk, runs: number, starts?: BrowserStarts): Promise<PaintResult> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  const bare = await bareServer();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  }).catch(async (e: unknown) => {
    await bare.close();
    throw e;
  });
  const paints: number[] = [];
  const fcps: number[] = [];
  const browserFcps: number[] = [];
  const startTimes: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      browserFcps.push(await bareFcp(browser, bare.url));
      const context = await browser.newContext();
      await context.addCookies([tokenCookie(base, kiosk.token)]);
      await context.addInitScript(setToken(kiosk.token));
      await context.addInitScript(watchForText(kiosk.name));
      const page = await context.newPage();
      await page.goto(`${base}/kiosk/`);
      const ms = await page.waitForFunction(idlePaintMs, undefined, { timeout: 15_000 });
      paints.push((await ms.jsonValue()) as number);
      fcps.push(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN));
      if (starts && i === runs - 1) startTimes.push(...(await startOnPage(kiosk, starts)));
      await context.close();
    }
  } finally {
    await browser.close().finally(() => bare.close());
  }
  return { paint: latency(paints), fcp: latency(fcps), browserFcp: latency(browserFcps), ...(starts ? { browserStarts: latency(startTimes) } : {}) };
}

/** The kiosk's boot line on a page of its own, with nothing else to load (no style sheet, script or icon). */
const BARE_PAGE = '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Inzage</title><link rel="icon" href="data:,"></head>'
  + '<body><p>Inzage wordt geladen…</p></body></html>';

async function bareServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(BARE_PAGE));
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((res) => { server.closeAllConnections(); server.close(() => res()); }),
  };
}

/** First contentful paint of the bare page in a fresh context. */
async function bareFcp(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    const fcp = await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime, undefined, { timeout: 15_000 });
    return (await fcp.jsonValue()) as number;
  } finally {
    await context.close();
  }
}

/** `POST /api/reviews` on the kiosk open in the browser, each session ended again; the 201 follows its ack. */
async function startOnPage(kiosk: SeededKiosk, { staff, sittings, n }: BrowserStarts): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = await staff.call('POST', '/api/reviews', { sittingId: sittings[i % sittings.length]!.sittingId, kioskId: kiosk.id });
    if (r.status !== 201) throw new Error(`start on the browser kiosk: ${r.status} ${JSON.stringify(r.json)}`);
    times.push(r.ms);
    await staff.call('DELETE', `/api/reviews/${r.json.id}`);
    await new Promise((res) => setTimeout(res, 300));
  }
  return times;
}
