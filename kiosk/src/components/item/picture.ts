import { LitElement, css, html, nothing, svg, type PropertyValues } from 'lit';
import type { ItemPart } from '../../../../shared/schema.ts';

type Shape = NonNullable<ItemPart['hotspots']>[number]['shape'];
export type MarkKind = 'area' | 'chosen' | 'correct';
/** An area of the picture to draw: every area faintly with its number, the chosen ones solid, the correct ones dashed. */
export interface AreaMark { shape: Shape; coords: readonly number[]; kind: MarkKind; badge?: string }
export interface PointMark { x: number; y: number; kind: Exclude<MarkKind, 'area'>; badge?: string }
export interface LineMark { from: readonly [number, number]; to: readonly [number, number]; kind: Exclude<MarkKind, 'area'> }
export interface PictureMarks { areas: AreaMark[]; points: PointMark[]; lines: LineMark[] }

/** Where an area's number goes: beside its top right corner, so that it hides nothing of what is drawn on the area. */
export function badgeAt(shape: Shape, c: readonly number[], size: { width: number; height: number }): [number, number] {
  const [cx, cy] = centreOf(shape, c, size);
  switch (shape) {
    case 'rect': return [Math.max(c[0] ?? 0, c[2] ?? 0) + 6, Math.min(c[1] ?? 0, c[3] ?? 0) - 6];
    case 'circle': return [cx + (c[2] ?? 0) * 0.7 + 7, cy - (c[2] ?? 0) * 0.7 - 7];
    case 'ellipse': return [cx + (c[2] ?? 0) * 0.7 + 7, cy - (c[3] ?? 0) * 0.7 - 7];
    case 'poly': return [Math.max(...c.filter((_, i) => i % 2 === 0)) + 6, Math.min(...c.filter((_, i) => i % 2 === 1)) - 6];
    case 'default': return [cx, cy];
  }
}

/** The centre of an area (the picture's for `default`): where a line between two areas meets it. */
export function centreOf(shape: Shape, c: readonly number[], size: { width: number; height: number }): [number, number] {
  switch (shape) {
    case 'rect': return [((c[0] ?? 0) + (c[2] ?? 0)) / 2, ((c[1] ?? 0) + (c[3] ?? 0)) / 2];
    case 'circle':
    case 'ellipse': return [c[0] ?? 0, c[1] ?? 0];
    case 'poly': {
      const xs = c.filter((_, i) => i % 2 === 0);
      const ys = c.filter((_, i) => i % 2 === 1);
      const avg = (list: readonly number[]) => list.reduce((a, b) => a + b, 0) / Math.max(1, list.length);
      return [avg(xs), avg(ys)];
    }
    case 'default': return [size.width / 2, size.height / 2];
  }
}

function shapeSvg(m: AreaMark, size: { width: number; height: number }) {
  const c = m.coords;
  switch (m.shape) {
    case 'rect': return svg`<rect class=${m.kind} x=${Math.min(c[0]!, c[2]!)} y=${Math.min(c[1]!, c[3]!)} width=${Math.abs(c[2]! - c[0]!)} height=${Math.abs(c[3]! - c[1]!)}></rect>`;
    case 'circle': return svg`<circle class=${m.kind} cx=${c[0]} cy=${c[1]} r=${c[2]}></circle>`;
    case 'ellipse': return svg`<ellipse class=${m.kind} cx=${c[0]} cy=${c[1]} rx=${c[2]} ry=${c[3]}></ellipse>`;
    case 'poly': return svg`<polygon class=${m.kind} points=${c.join(' ')}></polygon>`;
    case 'default': return svg`<rect class=${m.kind} x="0" y="0" width=${size.width} height=${size.height}></rect>`;
  }
}

/**
 * A graphic interaction's picture, scaled to the width it has, with the candidate's areas, points and lines
 * (and once revealed the correct ones) drawn over it in an SVG in the picture's own coordinates. The drawing is
 * hidden from screen readers: the part lists the same in words beside the picture. The coordinates are those
 * of the size the item declares for its picture, else of the picture itself (known once it has loaded).
 */
export class KskItemPicture extends LitElement {
  static override properties = { image: { attribute: false }, marks: { attribute: false }, natural: { state: true } };
  static override styles = css`
    :host { display: block; max-width: 100%; }
    .pic { position: relative; display: inline-block; max-width: 100%; vertical-align: top; }
    img { display: block; max-width: 100%; height: auto; }
    svg { position: absolute; inset: 0; width: 100%; height: 100%; overflow: visible; pointer-events: none; }
    .area { fill: none; stroke: var(--ksk-ink); stroke-opacity: 0.55; stroke-width: 1.5px; }
    .chosen { fill: var(--ksk-accent); fill-opacity: 0.3; stroke: var(--ksk-accent); stroke-width: 3.5px; }
    .correct { fill: none; stroke: var(--ksk-ok-ink); stroke-width: 3px; stroke-dasharray: 6 4; }
    line.chosen { stroke-width: 4px; }
    .badge circle { fill: var(--ksk-surface); stroke: var(--ksk-ink); stroke-width: 1.5px; }
    .badge.chosen circle { fill: var(--ksk-accent); stroke: var(--ksk-accent); fill-opacity: 1; }
    .badge.correct circle { fill: var(--ksk-ok-ink); stroke: var(--ksk-ok-ink); stroke-dasharray: none; }
    .badge text { fill: var(--ksk-ink); font: 700 11px system-ui, sans-serif; stroke: none; }
    .badge.chosen text, .badge.correct text { fill: var(--ksk-on-accent); }
    .cross { stroke: var(--ksk-accent); stroke-width: 3px; fill: none; }
    .cross.correct { stroke: var(--ksk-ok-ink); stroke-dasharray: none; }
    * { vector-effect: non-scaling-stroke; }
  `;

  image: NonNullable<ItemPart['image']> | null = null;
  marks: PictureMarks = { areas: [], points: [], lines: [] };
  private natural: { width: number; height: number } | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('image')) this.natural = null;
  }

  private size() {
    const i = this.image;
    if (i?.width && i.height) return { width: i.width, height: i.height };
    return this.natural;
  }

  private loaded(e: Event) {
    const img = e.target as HTMLImageElement;
    if (img.naturalWidth && img.naturalHeight) this.natural = { width: img.naturalWidth, height: img.naturalHeight };
  }

  override render() {
    const i = this.image;
    if (!i) return nothing;
    const size = this.size();
    const badge = (x: number, y: number, kind: MarkKind, label: string) =>
      svg`<g class="badge ${kind}"><circle cx=${x} cy=${y} r="8"></circle><text x=${x} y=${y} text-anchor="middle" dominant-baseline="central">${label}</text></g>`;
    return html`<div class="pic">
      <img src=${i.src} alt=${i.alt ?? ''} width=${i.width ?? nothing} height=${i.height ?? nothing} @load=${this.loaded} />
      ${size
        ? html`<svg viewBox="0 0 ${size.width} ${size.height}" preserveAspectRatio="none" aria-hidden="true">
            ${this.marks.areas.map((m) => shapeSvg(m, size))}
            ${this.marks.lines.map((l) => svg`<line class=${l.kind} x1=${l.from[0]} y1=${l.from[1]} x2=${l.to[0]} y2=${l.to[1]}></line>`)}
            ${this.marks.points.map((p) => svg`<g class="cross ${p.kind}"><circle cx=${p.x} cy=${p.y} r="7"></circle><line x1=${p.x - 11} y1=${p.y} x2=${p.x + 11} y2=${p.y}></line><line x1=${p.x} y1=${p.y - 11} x2=${p.x} y2=${p.y + 11}></line></g>`)}
            ${this.marks.areas.filter((m) => m.badge).map((m) => { const [x, y] = badgeAt(m.shape, m.coords, size); return badge(x, y, m.kind, m.badge!); })}
            ${this.marks.points.filter((p) => p.badge).map((p) => badge(p.x + 12, p.y - 12, p.kind, p.badge!))}
          </svg>`
        : nothing}
    </div>`;
  }
}

customElements.define('ksk-item-picture', KskItemPicture);

declare global {
  interface HTMLElementTagNameMap {
    'ksk-item-picture': KskItemPicture;
  }
}
