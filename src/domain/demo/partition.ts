/** Guillotine partitions of a rectangle of cells: irregular rectangles that tile it exactly. */
import type { CellRect } from './lattice.ts';
import type { Random } from './random.ts';

/** Number of cells in a rectangle. */
export const cellCount = (r: CellRect) => (r.c1 - r.c0) * (r.r1 - r.r0);

/** Split a rectangle into n rectangles of roughly equal area, cutting at jittered positions. */
export function splitRect(rng: Random, rect: CellRect, n: number): CellRect[] {
  if (n <= 1) return [rect];
  const first = Math.floor(n / 2);
  const second = n - first;
  const w = rect.c1 - rect.c0;
  const h = rect.r1 - rect.r0;
  const options: ('cols' | 'rows')[] = w > h ? ['cols', 'rows'] : w < h ? ['rows', 'cols'] : ['cols', 'rows'];
  if (w === h && rng.chance(0.5)) options.reverse();
  for (const along of options) {
    const length = along === 'cols' ? w : h;
    const across = along === 'cols' ? h : w;
    const min = Math.ceil(first / across);
    const max = length - Math.ceil(second / across);
    if (min > max) continue;
    const ideal = Math.round((length * first * rng.range(0.7, 1.3)) / n);
    const at = Math.min(max, Math.max(min, ideal));
    const [a, b]: [CellRect, CellRect] =
      along === 'cols'
        ? [
            { ...rect, c1: rect.c0 + at },
            { ...rect, c0: rect.c0 + at },
          ]
        : [
            { ...rect, r1: rect.r0 + at },
            { ...rect, r0: rect.r0 + at },
          ];
    return [...splitRect(rng, a, first), ...splitRect(rng, b, second)];
  }
  throw new Error(`cannot split ${cellCount(rect)} cells into ${n} parts`);
}

/** Order rectangles north to south, then west to east (rows grow northwards). */
export function readingOrder(rects: CellRect[]): CellRect[] {
  return [...rects].sort((a, b) => b.r1 + b.r0 - (a.r1 + a.r0) || a.c0 + a.c1 - (b.c0 + b.c1));
}

/** Scale a rectangle of coarse cells to the fine lattice. */
export const toFine = (r: CellRect, factor: number): CellRect => ({
  c0: r.c0 * factor,
  r0: r.r0 * factor,
  c1: r.c1 * factor,
  r1: r.r1 * factor,
});

/** The communes of a district: single cells, now and then two neighbouring cells joined. */
export function communeRects(rng: Random, district: CellRect, joinShare: number): CellRect[] {
  const taken = new Set<string>();
  const out: CellRect[] = [];
  for (let r = district.r0; r < district.r1; r++) {
    for (let c = district.c0; c < district.c1; c++) {
      if (taken.has(`${c},${r}`)) continue;
      taken.add(`${c},${r}`);
      const free = c + 1 < district.c1 && !taken.has(`${c + 1},${r}`);
      if (free && cellCount(district) > 3 && rng.chance(joinShare)) {
        taken.add(`${c + 1},${r}`);
        out.push({ c0: c, r0: r, c1: c + 2, r1: r + 1 });
      } else {
        out.push({ c0: c, r0: r, c1: c + 1, r1: r + 1 });
      }
    }
  }
  return readingOrder(out);
}
