/**
 * Whether a point lies in a QTI area (shape and coords as HTML's `<area>`: rect `left,top,right,bottom`,
 * circle `x,y,r`, ellipse `x,y,h-radius,v-radius`, poly `x1,y1,x2,y2,…`; `default` is the whole image).
 * Edges count as inside. Pure.
 */
import type { AreaShapeSchema } from './schema.ts';
import type * as z from 'zod';

export type AreaShape = z.infer<typeof AreaShapeSchema>;

export function insideArea(shape: AreaShape, coords: readonly number[], [x, y]: readonly [number, number]): boolean {
  switch (shape) {
    case 'default': return true;
    case 'rect': {
      const [l, t, r, b] = coords;
      if (b === undefined) return false;
      return x >= Math.min(l!, r!) && x <= Math.max(l!, r!) && y >= Math.min(t!, b) && y <= Math.max(t!, b);
    }
    case 'circle': {
      const [cx, cy, r] = coords;
      if (r === undefined) return false;
      return (x - cx!) ** 2 + (y - cy!) ** 2 <= r * r;
    }
    case 'ellipse': {
      const [cx, cy, rx, ry] = coords;
      if (ry === undefined || rx! <= 0 || ry <= 0) return false;
      return ((x - cx!) / rx!) ** 2 + ((y - cy!) / ry) ** 2 <= 1;
    }
    case 'poly': return insidePolygon(coords, x, y);
  }
}

function insidePolygon(coords: readonly number[], x: number, y: number): boolean {
  const n = Math.floor(coords.length / 2);
  if (n < 3) return false;
  let inside = false;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = coords[2 * i]!, yi = coords[2 * i + 1]!, xj = coords[2 * j]!, yj = coords[2 * j + 1]!;
    if (onSegment(xi, yi, xj, yj, x, y)) return true;
    // even-odd rule: count the edges a ray to the right crosses
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function onSegment(x1: number, y1: number, x2: number, y2: number, x: number, y: number): boolean {
  const cross = (x2 - x1) * (y - y1) - (y2 - y1) * (x - x1);
  if (Math.abs(cross) > 1e-9) return false;
  return x >= Math.min(x1, x2) && x <= Math.max(x1, x2) && y >= Math.min(y1, y2) && y <= Math.max(y1, y2);
}
