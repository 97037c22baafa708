/** Styles every kiosk component adopts: type, buttons, focus ring, hidden-but-read text. Colours: styles.css. */
import { css } from 'lit';

export const baseStyles = css`
  :host {
    -webkit-user-select: none;
    user-select: none;
    color: var(--ksk-ink);
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h1,
  h2,
  h3 {
    margin: 0;
    line-height: 1.25;
    font-weight: 700;
  }
  p {
    margin: 0;
  }
  /* sized in em: a button takes the scale of where it sits (the exam's text, or the chrome's --ksk-ui) */
  button {
    font: inherit;
    font-weight: 600;
    line-height: 1.2;
    min-height: 2.75em;
    padding: 0.5em 1.1em;
    border-radius: 0.5em;
    border: 2px solid var(--ksk-accent);
    background: var(--ksk-surface);
    color: var(--ksk-accent);
    cursor: pointer;
  }
  button:hover:not(:disabled) {
    background: var(--ksk-accent-soft);
  }
  button.primary {
    background: var(--ksk-accent);
    color: var(--ksk-on-accent);
  }
  button.primary:hover:not(:disabled) {
    background: var(--ksk-accent-strong);
  }
  button:disabled {
    opacity: 0.45;
    cursor: default;
  }
  :focus-visible {
    outline: 3px solid var(--ksk-focus);
    outline-offset: 3px;
    box-shadow: 0 0 0 6px var(--ksk-focus-halo);
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
`;

/** The calm centred layout of the pairing, idle, ended and connection screens. */
export const centredScreen = css`
  :host {
    display: flex;
    min-height: 100vh;
  }
  main {
    flex: 1;
    min-width: 0;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: min(1.5rem, 3vh);
    padding: min(4rem, 8vh) 2rem;
    text-align: center;
    overflow-wrap: anywhere;
  }
  .muted {
    color: var(--ksk-muted);
  }
`;
