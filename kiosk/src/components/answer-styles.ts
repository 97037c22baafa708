/** The look of the responses and keys rendered by answers.ts: options, lists, pairs, the two panels. */
import { css } from 'lit';

export const answerStyles = css`
  /* choice: options as in the exam, the candidate's marked, the correct ones tagged */
  .hint { color: var(--ksk-muted); margin-bottom: 0.75rem; font-style: italic; }
  .options { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.6rem; max-width: 48rem; }
  .option {
    display: grid;
    grid-template-columns: auto auto 1fr auto;
    align-items: center;
    gap: 0.9rem;
    padding: 0.8rem 1rem;
    border: 2px solid var(--ksk-line);
    border-radius: 0.6rem;
    background: var(--ksk-surface);
    font-size: 1.1rem;
  }
  .option.chosen { border-color: var(--ksk-accent); background: var(--ksk-accent-soft); }
  .option.correct { box-shadow: inset 0.45rem 0 0 var(--ksk-ok-ink); }
  .mark {
    width: 1.4rem;
    height: 1.4rem;
    border: 2px solid var(--ksk-ink);
    border-radius: 50%;
    display: grid;
    place-items: center;
    background: var(--ksk-surface);
  }
  .multiple .mark { border-radius: 0.25rem; }
  .single .chosen .mark::after {
    content: '';
    width: 0.7rem;
    height: 0.7rem;
    border-radius: 50%;
    background: var(--ksk-accent);
  }
  .multiple .chosen .mark { background: var(--ksk-accent); border-color: var(--ksk-accent); }
  .multiple .chosen .mark::after { content: '✓'; color: var(--ksk-on-accent); font-weight: 700; font-size: 1rem; line-height: 1; }
  .letter { font-weight: 700; min-width: 1.2em; }
  .tags { display: flex; gap: 0.5rem; flex-wrap: wrap; justify-content: flex-end; }
  .tag {
    font-size: 0.85rem;
    font-weight: 700;
    padding: 0.2rem 0.6rem;
    border-radius: 999px;
    white-space: nowrap;
  }
  .tag.you { background: var(--ksk-accent); color: var(--ksk-on-accent); }
  .tag.ok { background: var(--ksk-ok-ink); color: var(--ksk-on-accent); }

  /* the two sides: response and key */
  .sides {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 17rem), 1fr));
    gap: 1.25rem;
    align-items: start;
  }
  .panel {
    border: 2px solid var(--ksk-line);
    border-radius: 0.75rem;
    padding: 1rem 1.25rem 1.25rem;
    background: var(--ksk-surface);
  }
  .panel.key { border-color: var(--ksk-ok-ink); background: var(--ksk-ok-soft); margin-top: 1.25rem; }
  .sides .panel.key { margin-top: 0; }
  .panel h3 {
    font-size: 0.95rem;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--ksk-muted);
    margin-bottom: 0.75rem;
  }
  .panel.key h3 { color: var(--ksk-ok-ink); }
  .key-line { margin-bottom: 0.5rem; font-weight: 600; }
  .given {
    font-size: 1.2rem;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .given.number { font-size: 1.6rem; font-weight: 700; font-variant-numeric: tabular-nums; }
  .given.essay { font-size: 1.1rem; line-height: 1.6; }
  .tolerance { margin-top: 0.3rem; color: var(--ksk-muted); }
  .unanswered { font-style: italic; color: var(--ksk-muted); font-size: 1.15rem; }
  .sequence, .pairs, .accepted { margin: 0; padding-left: 1.6rem; display: grid; gap: 0.45rem; font-size: 1.1rem; }
  .pairs, .accepted { list-style: none; padding-left: 0; }

  /* match: a list laid out as a table, so every left → right stays aligned in its column */
  .pairs { grid-template-columns: fit-content(45%) auto minmax(0, 1fr); column-gap: 0.7rem; }
  .pairs.marked { grid-template-columns: fit-content(40%) auto minmax(0, 1fr) auto; row-gap: 0.5rem; }
  .pairs li { display: grid; grid-column: 1 / -1; grid-template-columns: subgrid; align-items: baseline; row-gap: 0.2rem; }
  .pairs .left { grid-column: 1; font-weight: 700; overflow-wrap: anywhere; }
  .pairs .arrow { grid-column: 2; color: var(--ksk-muted); }
  .pairs .right { grid-column: 3; overflow-wrap: anywhere; }
  .pairs .none { font-style: italic; color: var(--ksk-muted); }
  .pairs .verdict { grid-column: 4; justify-self: end; }
  .pairs .partner { grid-column: 3 / -1; grid-row: 2; font-weight: 600; color: var(--ksk-ok-ink); overflow-wrap: anywhere; }
  .pairs.marked li { padding: 0.55rem 0.8rem 0.55rem 1.1rem; border: 2px solid var(--ksk-line); border-radius: 0.6rem; background: var(--ksk-surface); }
  .pairs li.ok { box-shadow: inset 0.45rem 0 0 var(--ksk-ok-ink); }
  .pairs li.wrong { border-color: var(--ksk-warn-ink); box-shadow: inset 0.45rem 0 0 var(--ksk-warn-ink); }
  .tag.bad { background: var(--ksk-warn-ink); color: var(--ksk-on-accent); }
  /* order: each of the candidate's positions marked against the key, as match marks pairs */
  .sequence.marked { gap: 0.5rem; }
  .sequence.marked li { padding: 0.45rem 0.8rem 0.45rem 1.1rem; border: 2px solid var(--ksk-line); border-radius: 0.6rem; background: var(--ksk-surface); }
  .sequence.marked .row { display: grid; grid-template-columns: minmax(0, 1fr) auto; align-items: baseline; column-gap: 0.7rem; row-gap: 0.2rem; }
  .sequence.marked .item { overflow-wrap: anywhere; }
  .sequence.marked .verdict { justify-self: end; }
  .sequence.marked .partner { grid-column: 1 / -1; font-weight: 600; color: var(--ksk-ok-ink); overflow-wrap: anywhere; }
  .sequence li.ok { box-shadow: inset 0.45rem 0 0 var(--ksk-ok-ink); }
  .sequence li.wrong { border-color: var(--ksk-warn-ink); box-shadow: inset 0.45rem 0 0 var(--ksk-warn-ink); }
  .sides.stacked { grid-template-columns: minmax(0, 1fr); }
  .accepted li { font-weight: 600; }
  .scheme { line-height: 1.6; font-size: 1.05rem; }
`;
