/**
 * The look of exam content (`.content`: a stem, a marking scheme) — the restricted HTML the import keeps
 * (docs/import-format.md, 'Exam content'): headings no larger than the question's own, sources as framed
 * boxes that scroll within the question, line numbers in the margin, tables, figures, MathML.
 * Nothing in it may push the page sideways: long words and wide tables wrap.
 */
import { css } from 'lit';

export const contentStyles = css`
  .content {
    overflow-wrap: anywhere;
  }
  .content :is(p, ul, ol, dl, table, figure, blockquote, pre) {
    margin: 0 0 0.8em;
  }
  .content > :last-child,
  .content :is(section, aside) > :last-child {
    margin-bottom: 0;
  }

  /* headings as on paper, smaller than 'Vraag 7' above them */
  .content :is(h1, h2, h3, h4) {
    margin: 1em 0 0.4em;
    line-height: 1.25;
  }
  .content > :is(h1, h2, h3, h4):first-child,
  .content :is(section, aside) > :is(h1, h2, h3, h4):first-child {
    margin-top: 0;
  }
  .content h1 { font-size: 1.35em; }
  .content h2 { font-size: 1.25em; }
  .content h3 { font-size: 1.12em; }
  .content h4 { font-size: 1em; }

  /*
   * A source ('tekst', 'figuur', 'tabel', 'bron'): a framed box. A long one scrolls within itself, at most
   * 60 % of the question's height (cqh: the question's scroller is the container), so that the candidate's
   * answer and the key or scheme come into view below it while the source stays on screen.
   */
  .content :is(section, aside) {
    margin: 0 0 1em;
    padding: 0.8em 1em;
    border: 2px solid var(--ksk-line-strong);
    border-radius: 0.5em;
    background: var(--ksk-surface);
    max-height: 60cqh;
    overflow-y: auto;
    overscroll-behavior: contain;
  }
  .content aside {
    background: var(--ksk-panel);
  }
  .content :is(section, aside) :is(section, aside) {
    max-height: none;
    overflow: visible;
  }

  /*
   * <ol class="lines">: one <li> per line of the paper's text, numbered in the margin on the first line and
   * every fifth (5, 10, 15 …), counting from the list's start. The number is generated (CSS counter) with an
   * empty alternative text, so a screen reader reads the text, not the numbers between its words; it hears
   * each line's number as the list item's position instead. Which child is a multiple of 5 depends on the
   * start's last digit: start 1 or 6 → every 5th child, 2 or 7 → 4th, 9th …, and so on.
   */
  .content ol.lines {
    list-style: none;
    padding: 0 0 0 3.2em;
    line-height: 1.7;
  }
  .content ol.lines > li {
    position: relative;
  }
  .content ol.lines > li:first-child::before,
  .content ol.lines:is(:not([start]), [start$='1'], [start$='6']) > li:nth-child(5n)::before,
  .content ol.lines:is([start$='2'], [start$='7']) > li:nth-child(5n + 4)::before,
  .content ol.lines:is([start$='3'], [start$='8']) > li:nth-child(5n + 3)::before,
  .content ol.lines:is([start$='4'], [start$='9']) > li:nth-child(5n + 2)::before,
  .content ol.lines:is([start$='5'], [start$='0']) > li:nth-child(5n + 1)::before {
    content: counter(list-item) / '';
    position: absolute;
    top: 0;
    right: calc(100% + 0.9em);
    font-size: 0.8em;
    line-height: calc(1.7 / 0.8);
    color: var(--ksk-muted);
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }

  .content blockquote {
    padding-left: 1em;
    border-left: 0.25em solid var(--ksk-line-strong);
  }
  .content pre {
    white-space: pre-wrap;
    font-family: var(--ksk-mono);
    font-size: 0.95em;
    padding: 0.5em 0.75em;
    border-radius: 0.4em;
    background: var(--ksk-panel);
  }
  .content code {
    font-family: var(--ksk-mono);
  }
  .content dt {
    font-weight: 700;
  }
  .content dd {
    margin: 0 0 0.4em 1.5em;
  }
  .content hr {
    border: 0;
    border-top: 2px solid var(--ksk-line);
    margin: 1em 0;
  }

  .content table {
    border-collapse: collapse;
    max-width: 100%;
  }
  .content caption {
    caption-side: top;
    text-align: left;
    font-weight: 600;
    padding-bottom: 0.3em;
  }
  .content :is(td, th) {
    border: 1px solid var(--ksk-line-strong);
    padding: 0.3em 0.6em;
    vertical-align: top;
  }
  .content th {
    background: var(--ksk-panel);
    text-align: left;
  }

  .content img {
    max-width: 100%;
    height: auto;
  }
  /* a listening text or a film: its own line, never wider than the text (a film's width attribute included) */
  .content audio,
  .content video {
    display: block;
    max-width: 100%;
    margin: 0.5em 0;
  }
  .content video {
    height: auto;
  }
  .content figcaption {
    margin-top: 0.3em;
    font-size: 0.95em;
    color: var(--ksk-ink-soft);
  }

  .content math {
    font-size: 1.05em;
  }
  .content math[display='block'] {
    margin: 0.5em 0 0.8em;
    max-width: 100%;
    overflow-x: auto;
  }
`;
