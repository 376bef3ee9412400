/**
 * Where a line chart's legend goes: the top corner (left or right) under which
 * the lines run lowest, so the legend does not sit on the data (a falling
 * time-to-train curve starts at the top left; a rising utilization at the top right).
 */

/** A line in pixels (y grows downwards); `step`: held at each value until the next x (step after). */
export interface PixelLine {
  pts: Array<[number, number]>;
  step?: boolean;
}

/** The highest pixel (smallest y) any line reaches for x in [x0, x1]; +Infinity where none passes. */
export function topInBand(lines: PixelLine[], x0: number, x1: number): number {
  let top = Infinity;
  for (const l of lines) {
    const pts = l.pts;
    for (let k = 0; k < pts.length; k++) {
      const [xa, ya] = pts[k];
      if (xa >= x0 && xa <= x1) top = Math.min(top, ya);
      if (k + 1 === pts.length) break;
      const [xb, yb] = pts[k + 1];
      const lo = Math.max(x0, Math.min(xa, xb)), hi = Math.min(x1, Math.max(xa, xb));
      if (lo > hi) continue;
      if (l.step) {
        top = Math.min(top, ya);
        continue;
      }
      // A straight segment is highest at one end of its part inside the band.
      const at = (px: number) => (xb === xa ? Math.min(ya, yb) : ya + ((yb - ya) * (px - xa)) / (xb - xa));
      top = Math.min(top, at(lo), at(hi));
    }
  }
  return top;
}

/** The side whose band of `bandWidth` pixels (from the plot's `left` or `right` edge) the lines leave most room under the top; left on a tie. */
export function legendSide(lines: PixelLine[], left: number, right: number, bandWidth: number): 'left' | 'right' {
  return topInBand(lines, right - bandWidth, right) > topInBand(lines, left, left + bandWidth) ? 'right' : 'left';
}
