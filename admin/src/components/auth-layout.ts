/** The frame around the login and password screens (shared styles, not a component of its own). */
import { css } from 'lit';

export const authLayout = css`
  :host { display: block; min-height: 100vh; }
  .top {
    display: flex; justify-content: space-between; align-items: center;
    padding: var(--space-3) var(--space-6); background: var(--header-bg); color: var(--header-ink);
    --switch-line: #5b7190; --switch-ink: var(--header-muted); --switch-hover: #fff;
    --switch-active-bg: #fff; --switch-active-ink: var(--header-bg); --switch-focus: #8cc4ff;
  }
  .brand { font-weight: 700; font-size: 1.125rem; letter-spacing: 0.01em; display: flex; align-items: baseline; gap: 0.6em; }
  .brand small { font-weight: 500; font-size: 0.875rem; color: var(--header-muted); }
  main { display: flex; justify-content: center; padding: 8vh var(--space-4) var(--space-6); }
  .panel {
    width: 100%; max-width: 26rem; background: var(--surface); border: 1px solid var(--line);
    border-radius: var(--radius-lg); padding: var(--space-6); box-shadow: 0 10px 30px rgb(15 23 32 / 0.08);
    display: flex; flex-direction: column; gap: var(--space-4);
  }
  form { display: flex; flex-direction: column; gap: var(--space-4); }
  /* an empty alert region takes no room (it stays in the tree, so what appears in it is announced) */
  form > [role='alert']:empty { margin-top: calc(-1 * var(--space-4)); }
  form button[type='submit'] { width: 100%; min-height: 2.75rem; font-size: 1rem; }
  .actions { display: flex; justify-content: flex-end; }
`;
