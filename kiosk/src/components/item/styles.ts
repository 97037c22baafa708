/** The look of a replayed item (item/*.ts): parts in the text, answers boxed where they were typed or chosen, keys in green and in words. */
import { css } from 'lit';

export const itemStyles = css`
  inzage-part[data-display='block'] { display: block; margin: 1em 0; }
  inzage-part:not([data-display]) { display: block; }
  .part { display: grid; gap: 0.75em; min-width: 0; }
  .part .prompt { font-weight: 600; }
  .part-body { line-height: 1.9; }

  /* an answer in a sentence: boxed like the field it was given in */
  .inline-answer {
    display: inline;
    padding: 0.1em 0.45em;
    border: 2px solid var(--ksk-accent);
    border-radius: 0.3em;
    background: var(--ksk-accent-soft);
    font-weight: 600;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    -webkit-box-decoration-break: clone;
    box-decoration-break: clone;
  }
  .inline-answer.empty { border-style: dashed; background: var(--ksk-surface); color: var(--ksk-muted); }
  .inline-key {
    display: inline;
    padding: 0.1em 0.45em;
    border: 2px dashed var(--ksk-ok-ink);
    border-radius: 0.3em;
    background: var(--ksk-ok-soft);
    color: var(--ksk-ok-ink);
    font-weight: 600;
    overflow-wrap: anywhere;
    box-decoration-break: clone;
  }

  /* hottext: every hottext a choosable phrase, the chosen ones boxed, the correct ones tagged */
  inzage-hottext { border-bottom: 2px dotted var(--ksk-muted); }
  inzage-hottext[data-chosen] {
    border: 2px solid var(--ksk-accent);
    border-radius: 0.3em;
    background: var(--ksk-accent-soft);
    padding: 0 0.2em;
    font-weight: 600;
    box-decoration-break: clone;
  }
  inzage-hottext[data-correct] { border-bottom: 3px solid var(--ksk-ok-ink); }
  .tag.inline { vertical-align: 0.1em; }
  .tag.points { border: 2px solid var(--ksk-ok-ink); color: var(--ksk-ok-ink); background: var(--ksk-surface); }

  /* the candidate's side and, once revealed, the key's */
  .part-sides {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 16rem), 1fr));
    gap: 0.75em 1.25em;
    align-items: start;
  }
  .side { min-width: 0; padding: 0.6em 0.9em; border: 2px solid var(--ksk-line); border-radius: 0.6em; background: var(--ksk-surface); }
  .side.key { border-color: var(--ksk-ok-ink); background: var(--ksk-ok-soft); }
  .side-h { font-size: 0.85em; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; color: var(--ksk-muted); margin-bottom: 0.4em; }
  .side.key .side-h { color: var(--ksk-ok-ink); }
  .value-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.35em; overflow-wrap: anywhere; }
  .value-list img, .options img, .pairs img { max-width: 100%; height: auto; vertical-align: middle; }
  .essay-answer { white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.6; }
  .essay-answer + .essay-answer { margin-top: 0.6em; }
  .unsupported { font-style: italic; color: var(--ksk-muted); padding: 0.6em 0.9em; border: 2px dashed var(--ksk-line-strong); border-radius: 0.6em; }

  /* graphic parts: the picture at the width it has, the same in words beside it */
  .graphic { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr)); gap: 0.75em 1.25em; align-items: start; }
  .graphic > .part-sides { grid-template-columns: minmax(0, 1fr); }

  /* slider: its scale, the value drawn on it */
  svg.slider { display: block; width: 100%; max-width: 30rem; height: 1.6em; overflow: visible; }
  svg.slider .track { stroke: var(--ksk-line-strong); stroke-width: 4px; vector-effect: non-scaling-stroke; }
  svg.slider .chosen { fill: var(--ksk-accent); }
  svg.slider .correct { fill: var(--ksk-ok-ink); }
  .slider-ends { display: flex; justify-content: space-between; max-width: 30rem; color: var(--ksk-muted); font-size: 0.9em; }
`;
