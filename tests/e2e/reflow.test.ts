/**
 * Reflow (WCAG 2.1 §1.4.10): the console at 640 × 400 CSS px (1280 × 800 at 200 % zoom) and at 320 px wide.
 * No screen scrolls sideways; the header bar and its menu wrap inside the window; data tables scroll in their
 * own box and keep every row's actions in reach (a sticky action column: docs/design.md, The console).
 * Real server, real Chromium, the sample data, a running review in 'Actieve inzages'.
 */
import { expect } from 'chai';
import { screenshot } from '../helpers/browser.ts';
import type { KioskSocket } from '../helpers/server.ts';
import { CONSOLE_SCREENS, showScreen } from '../support/consoleScreens.ts';
import { pageWidth, unreachableRowActions } from '../support/deepDom.ts';
import { useE2E } from '../support/e2e.ts';
import { kioskIds, roomWith } from '../support/rooms.ts';
import { startRunningReview } from '../support/runningReview.ts';

const CONFIG = { loginFreeFailuresPerIp: 1000, loginFreeFailuresPerAccountIp: 100, loginFreeFailuresPerAccount: 100 };

describe('console reflow at 200 % zoom and 320 px (e2e)', function () {
  this.timeout(120_000);
  const e2e = useE2E({ server: { config: CONFIG }, noPageErrors: true });
  let kiosk: KioskSocket;

  before(async () => {
    kiosk = await startRunningReview(e2e.ts.base, 'sup1');
    // the running review's kiosk stands in a room: 'Lokalen' has a row, 'Kiosks' a room
    await roomWith(e2e.ts.base, 'B2.14', await kioskIds(e2e.ts.base));
  });
  after(() => kiosk?.close());

  for (const [width, height] of [[640, 400], [320, 640]] as const) {
    it(`fits ${width} × ${height}: no screen scrolls sideways, the menu wraps in the dark bar, row actions stay in reach`, async () => {
      const { page } = await e2e.console('boss', { viewport: { width, height } });
      // the menu: every item inside the window and inside the dark bar, which spans the window
      const nav = page.getByRole('navigation');
      const bar = (await page.getByRole('banner').boundingBox())!;
      expect([bar.x, bar.width]).to.deep.equal([0, width]);
      const navBox = (await nav.boundingBox())!;
      for (const link of await nav.getByRole('link').all()) {
        const b = (await link.boundingBox())!;
        expect(b.x >= navBox.x && b.x + b.width <= navBox.x + navBox.width && b.y >= navBox.y && b.y + b.height <= navBox.y + navBox.height,
          `${await link.textContent()} inside the menu bar`).to.equal(true);
      }
      const problems: string[] = [];
      let checked = 0;
      for (const screen of CONSOLE_SCREENS) {
        await showScreen(page, e2e.ts.base, screen);
        const { scrollWidth, innerWidth } = await pageWidth(page);
        if (scrollWidth > innerWidth) problems.push(`${screen.name}: the page is ${scrollWidth} px wide in a window of ${innerWidth}`);
        const actions = await unreachableRowActions(page);
        checked += actions.checked;
        problems.push(...actions.unreachable.map((a) => `${screen.name}: row action out of reach: ${a}`));
        await screenshot(page, `console-${width}-${screen.name}`);
      }
      expect(problems, problems.join('\n')).to.deep.equal([]);
      // groups, results, kiosks, exams and staff have row actions: they were all looked at
      expect(checked).to.be.at.least(15);
    });
  }
});
