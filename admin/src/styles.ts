/**
 * Styles shared by the console's components (adopted stylesheets: allowed under the strict CSP).
 * Colours and sizes come from the custom properties in public/styles.css, which pierce shadow roots.
 */
import { css } from 'lit';

export const base = css`
  :host {
    display: block;
    color: var(--ink);
    font: inherit;
  }
  *, *::before, *::after { box-sizing: border-box; }
  [hidden] { display: none !important; }

  h1, h2, h3 { margin: 0; line-height: 1.25; color: var(--ink-strong); }
  h1 { font-size: 1.5rem; font-weight: 650; letter-spacing: -0.01em; }
  h2 { font-size: 1.125rem; font-weight: 650; }
  h3 { font-size: 1rem; font-weight: 650; }
  h1:focus { outline: none; }
  p { margin: 0; }

  a { color: var(--link); text-underline-offset: 0.15em; }
  a:hover { color: var(--link-hover); }

  :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }

  .sr-only {
    position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }

  .muted { color: var(--muted); }
  .stack { display: flex; flex-direction: column; gap: var(--space-3); }
  .row { display: flex; align-items: center; gap: var(--space-2); flex-wrap: wrap; }

  /* page header inside main */
  .page-head { display: flex; flex-direction: column; gap: var(--space-2); margin-bottom: var(--space-4); }
  .back { font-size: 0.9375rem; display: inline-flex; align-items: center; gap: 0.35em; width: fit-content; }
  .back::before { content: '←'; text-decoration: none; display: inline-block; }
  .lead { color: var(--muted); max-width: 70ch; }

  /* buttons */
  button, .btn {
    font: inherit; font-weight: 600; font-size: 0.9375rem; line-height: 1.2;
    display: inline-flex; align-items: center; justify-content: center; gap: 0.4em;
    min-height: 2.375rem; padding: 0.5rem 0.95rem; border-radius: var(--radius);
    border: 1px solid var(--accent); background: var(--accent); color: var(--on-accent);
    cursor: pointer; white-space: nowrap; text-decoration: none;
  }
  button:hover { background: var(--accent-hover); border-color: var(--accent-hover); }
  button:disabled { background: var(--disabled-bg); border-color: var(--disabled-line); color: var(--disabled-ink); cursor: not-allowed; }
  button.secondary { background: var(--surface); color: var(--accent); border-color: var(--accent); }
  button.secondary:hover { background: var(--accent-soft); }
  button.danger { background: var(--surface); color: var(--danger); border-color: var(--danger); }
  button.danger:hover { background: var(--danger-bg); }
  button.danger.solid { background: var(--danger); color: #fff; }
  button.danger.solid:hover { background: var(--danger-hover); border-color: var(--danger-hover); }
  button.quiet { background: transparent; border-color: transparent; color: var(--muted); padding: 0.25rem 0.5rem; min-height: 0; }
  button.quiet:hover { color: var(--ink); background: var(--line-soft); }
  button.small { min-height: 2rem; padding: 0.3rem 0.7rem; font-size: 0.875rem; }

  /* forms */
  .field { display: flex; flex-direction: column; gap: 0.3rem; }
  label { font-weight: 600; font-size: 0.9375rem; }
  .hint { color: var(--muted); font-size: 0.875rem; }
  input, select {
    font: inherit; color: var(--ink); background: var(--surface);
    min-height: 2.375rem; padding: 0.4rem 0.6rem;
    border: 1px solid var(--line-strong); border-radius: var(--radius);
  }
  input:focus-visible, select:focus-visible { outline: 3px solid var(--focus); outline-offset: 1px; border-color: var(--focus); }
  input[aria-invalid='true'] { border-color: var(--danger); }

  /* tables */
  /* positioned: what is positioned inside (.sr-only) scrolls with the table instead of widening the page */
  .table-wrap { position: relative; background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius-lg); overflow-x: auto; }
  table { width: 100%; border-collapse: collapse; font-size: 0.9375rem; }
  caption { text-align: left; padding: var(--space-3) var(--space-4); font-weight: 650; color: var(--ink-strong); border-bottom: 1px solid var(--line); }
  th, td { text-align: left; padding: 0.6rem var(--space-3); vertical-align: middle; }
  th:first-child, td:first-child { padding-left: var(--space-4); }
  th:last-child, td:last-child { padding-right: var(--space-4); }
  thead th { font-size: 0.8125rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); background: var(--surface-sunk); font-weight: 650; border-bottom: 1px solid var(--line); }
  tbody tr + tr > * { border-top: 1px solid var(--line-soft); }
  tbody th { font-weight: 600; color: var(--ink-strong); }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  td.action, th.action { text-align: right; width: 1%; white-space: nowrap; }
  /*
   * Row actions stay in sight when a table is wider than its box (a narrow window, 200 % zoom): the action
   * column sticks to the box's right edge while the other columns scroll under it (WCAG 1.4.10 reflow).
   */
  .table-wrap td.action, .table-wrap th.action {
    position: sticky; right: 0; background: var(--surface); box-shadow: -1px 0 0 var(--line-soft);
  }
  .table-wrap thead th.action { background: var(--surface-sunk); }
  th.fit, td.fit { width: 1%; white-space: nowrap; }
  .tabular { font-variant-numeric: tabular-nums; }

  /* status words */
  .badge {
    display: inline-flex; align-items: center; gap: 0.4em; font-size: 0.8125rem; font-weight: 650;
    padding: 0.15rem 0.55rem; border-radius: 999px; border: 1px solid currentColor; white-space: nowrap;
  }
  .badge::before { content: ''; width: 0.5em; height: 0.5em; border-radius: 50%; background: currentColor; }
  .badge.ok { color: var(--ok); background: var(--ok-bg); }
  .badge.warn { color: var(--warn); background: var(--warn-bg); }
  .badge.danger { color: var(--danger); background: var(--danger-bg); }
  .badge.info { color: var(--accent); background: var(--accent-soft); }
  .badge.neutral { color: var(--muted); background: var(--surface-sunk); }

  /* messages */
  .alert, .notice {
    border-radius: var(--radius); padding: var(--space-3) var(--space-4); border: 1px solid; border-left-width: 4px;
  }
  .alert { color: var(--danger-ink); background: var(--danger-bg); border-color: var(--danger); }
  .notice.ok { color: var(--ok-ink); background: var(--ok-bg); border-color: var(--ok); }
  .notice.info { color: var(--ink); background: var(--accent-soft); border-color: var(--accent); }
  .notice.warn { color: var(--warn-ink); background: var(--warn-bg); border-color: var(--warn); }

  .card { background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius-lg); padding: var(--space-4); }
  .empty { padding: var(--space-5) var(--space-4); color: var(--muted); text-align: center; }

  dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.35rem var(--space-4); margin: 0; }
  dl.facts dt { color: var(--muted); font-weight: 500; }
  dl.facts dd { margin: 0; font-weight: 600; }
`;
