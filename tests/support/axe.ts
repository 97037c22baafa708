/**
 * axe-core (MPL-2.0, a test-only dev dependency run inside the page under test) against a page in the browser:
 * WCAG 2.0 and 2.1, levels A and AA. The pages run under the product's strict CSP (no inline scripts), so
 * axe is not added as a `<script>` element: its source is evaluated through the DevTools protocol, which the
 * page's CSP does not govern, once per document.
 *
 *   await expectNoViolations(page, 'console login');   // fails with one readable line per violation and node
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { assert } from 'chai';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The rule sets of WCAG 2.1 level AA (which includes A, and 2.0). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface Violation { id: string; impact: string | null; help: string; nodes: { target: string; summary: string }[] }

// a string, so that the test runner's transpiler adds no helpers to code run in the page
const RUN = `(async () => {
  const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} }, resultTypes: ['violations'] });
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact ?? null, help: v.help,
    nodes: v.nodes.map((n) => ({ target: JSON.stringify(n.target), summary: (n.failureSummary ?? '').replace(/\\s+/g, ' ').trim() })),
  }));
})()`;

export interface AxeOptions {
  /**
   * The page's clock is paused (`page.clock.pauseAt`, to hold a screen that a timer would replace). axe works
   * through timers of its own, so the test moves that clock on, a millisecond at a time, until axe is done:
   * at most `maxClockMs` (default 4,000) of the page's time.
   */
  clockPaused?: boolean;
  maxClockMs?: number;
}

/** Runs axe on the whole document (shadow roots included) and returns its violations. */
export async function axeViolations(page: Page, options: AxeOptions = {}): Promise<Violation[]> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(AXE_SOURCE);
  if (!options.clockPaused) return page.evaluate(RUN) as Promise<Violation[]>;
  await page.evaluate(`void (window.__axeDone = null, ${RUN}.then((r) => { window.__axeDone = { r }; }, (e) => { window.__axeDone = { e: String(e) }; }))`);
  for (let ms = 0; ; ms++) {
    const done = await page.evaluate('window.__axeDone') as { r?: Violation[]; e?: string } | null;
    if (done?.e) throw new Error(`axe-core failed: ${done.e}`);
    if (done?.r) return done.r;
    if (ms >= (options.maxClockMs ?? 4000)) throw new Error(`axe-core did not finish within ${ms} ms of the page's paused clock`);
    await page.clock.runFor(1);
  }
}

/** One line per violation, and one indented line per element it was found on. */
export function describeViolations(violations: readonly Violation[]): string {
  return violations.map((v) => [`${v.id} (${v.impact ?? 'unknown'}): ${v.help}`, ...v.nodes.map((n) => `    ${n.target}: ${n.summary}`)].join('\n')).join('\n');
}

/** Asserts that axe finds no WCAG 2.1 A/AA violation on the page as it is now; `where` names the screen. */
export async function expectNoViolations(page: Page, where: string, options: AxeOptions = {}): Promise<void> {
  const violations = await axeViolations(page, options);
  if (violations.length) assert.fail(`axe-core on ${where}:\n${describeViolations(violations)}`);
}
