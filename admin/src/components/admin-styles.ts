/**
 * Styles shared by the administration screens (exams, import, staff, audit log, purge), on top of `base`:
 * dialogs as in 'Kiosks', check boxes, fieldsets, the one-time password box, error lists and code.
 */
import { css } from 'lit';

export const adminStyles = css`
  .head-row { display: flex; flex-wrap: wrap; align-items: flex-start; justify-content: space-between; gap: var(--space-3) var(--space-4); }
  .messages { display: flex; flex-direction: column; gap: var(--space-2); margin-bottom: var(--space-4); }
  .messages:empty { display: none; }
  .buttons { display: flex; gap: var(--space-2); flex-wrap: wrap; }
  section + section, .table-wrap + section, section + .table-wrap { margin-top: var(--space-5); }
  section.card { display: flex; flex-direction: column; gap: var(--space-3); }
  .section-intro { color: var(--muted); max-width: 70ch; }
  td .actions { display: inline-flex; gap: var(--space-2); }
  .sub { display: block; color: var(--muted); font-weight: 500; font-size: 0.875rem; }
  caption .count { color: var(--muted); font-weight: 500; }

  a.btn { width: fit-content; }
  a.btn.secondary { background: var(--surface); color: var(--accent); border-color: var(--accent); }
  a.btn.secondary:hover { background: var(--accent-soft); color: var(--accent-hover); }

  /* dialogs, as in adm-kiosks */
  dialog {
    border: 1px solid var(--line); border-radius: var(--radius-lg); padding: 0; width: min(30rem, calc(100vw - 2rem));
    color: var(--ink); box-shadow: 0 20px 50px rgb(15 23 32 / 0.3);
  }
  dialog.wide { width: min(36rem, calc(100vw - 2rem)); }
  dialog::backdrop { background: rgb(15 23 32 / 0.45); }
  dialog form, dialog .body { display: flex; flex-direction: column; gap: var(--space-4); padding: var(--space-5); }
  dialog .buttons { justify-content: flex-end; }
  dialog .title { display: flex; flex-direction: column; gap: var(--space-1); }
  dialog .title .sub { font-size: 0.9375rem; }

  /* forms */
  fieldset { border: 1px solid var(--line); border-radius: var(--radius); margin: 0; padding: var(--space-3) var(--space-4) var(--space-4); display: flex; flex-direction: column; gap: var(--space-3); min-width: 0; }
  legend { font-weight: 650; color: var(--ink-strong); padding: 0 var(--space-1); }
  .pair { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: var(--space-3); }
  label.check { display: flex; align-items: flex-start; gap: 0.6rem; font-weight: 600; cursor: pointer; width: fit-content; }
  div.check { display: flex; align-items: flex-start; gap: 0.6rem; }
  div.check label { cursor: pointer; }
  div.check .hint { display: block; }
  input[type='checkbox'], input[type='radio'] {
    width: 1.125rem; height: 1.125rem; min-height: 0; margin: 0.2rem 0 0; padding: 0; flex: none; accent-color: var(--accent);
  }
  input[type='number'] { width: 8rem; }
  input[type='file'] { padding: 0.35rem; width: 100%; max-width: 32rem; background: var(--surface-sunk); }
  input[type='file']::file-selector-button {
    font: inherit; font-weight: 600; font-size: 0.9375rem; margin-right: var(--space-3); padding: 0.35rem 0.8rem;
    border-radius: var(--radius); border: 1px solid var(--accent); background: var(--surface); color: var(--accent); cursor: pointer;
  }
  input[type='file']::file-selector-button:hover { background: var(--accent-soft); }

  /* lists of problems, by JSON path */
  .problems { display: flex; flex-direction: column; gap: var(--space-2); }
  .problems ul { margin: 0; padding-left: 1.25rem; display: flex; flex-direction: column; gap: 0.2rem; max-height: 24rem; overflow-y: auto; }
  .problems li { overflow-wrap: anywhere; }
  code, .mono { font-family: ui-monospace, 'Cascadia Mono', 'Segoe UI Mono', Menlo, Consolas, monospace; font-size: 0.875em; }

  /* counts as a small definition list */
  dl.counts { display: flex; gap: var(--space-5); flex-wrap: wrap; margin: 0; }
  dl.counts div { display: flex; flex-direction: column; }
  dl.counts dt { color: var(--muted); font-size: 0.875rem; }
  dl.counts dd { margin: 0; font-size: 1.375rem; font-weight: 650; font-variant-numeric: tabular-nums; color: var(--ink-strong); }

  /* the one-time password, shown once */
  .secret {
    border: 2px solid var(--warn); background: var(--warn-bg); color: var(--warn-ink); border-radius: var(--radius-lg);
    padding: var(--space-4) var(--space-5); display: flex; flex-direction: column; gap: var(--space-3); margin-bottom: var(--space-4);
  }
  .secret:focus { outline: 3px solid var(--focus); outline-offset: 2px; }
  .secret h2 { color: var(--warn-ink); }
  .secret .password {
    font-family: ui-monospace, 'Cascadia Mono', 'Segoe UI Mono', Menlo, Consolas, monospace; font-size: 1.5rem; font-weight: 700;
    letter-spacing: 0.08em; color: var(--ink-strong); background: var(--surface); border: 1px dashed var(--warn);
    border-radius: var(--radius); padding: var(--space-2) var(--space-4); display: inline-block; user-select: all;
  }
  .secret p { max-width: 70ch; }
  .secret button { width: fit-content; }
`;
