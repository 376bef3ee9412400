/**
 * k-ary n-cube helpers: coordinates and dimension-order routing (the
 * deterministic minimal routing TPU ICI and most torus fabrics use).
 */
import { wholeRoot } from '../../units/portable-powers';

export function torusCoords(index: number, dims: number[]): number[] {
  const c: number[] = [];
  let rest = index;
  for (const d of dims) {
    c.push(rest % d);
    rest = Math.floor(rest / d);
  }
  return c;
}

export function torusIndex(coords: number[], dims: number[]): number {
  let index = 0;
  for (let i = dims.length - 1; i >= 0; i--) index = index * dims[i] + coords[i];
  return index;
}

/** One hop of a route: from which position, along which dimension, in which direction (+1 / -1). */
export interface TorusHop {
  from: number;
  dim: number;
  dir: 1 | -1;
}

/** Dimension-order route from a to b taking the shorter way round each ring (ties go +). */
export function torusRoute(a: number, b: number, dims: number[]): TorusHop[] {
  const hops: TorusHop[] = [];
  const cur = torusCoords(a, dims);
  const dst = torusCoords(b, dims);
  for (let dim = 0; dim < dims.length; dim++) {
    const size = dims[dim];
    const forward = (dst[dim] - cur[dim] + size) % size;
    const dir: 1 | -1 = forward <= size - forward ? 1 : -1;
    const steps = dir === 1 ? forward : size - forward;
    for (let s = 0; s < steps; s++) {
      hops.push({ from: torusIndex(cur, dims), dim, dir });
      cur[dim] = (cur[dim] + dir + size) % size;
    }
  }
  return hops;
}

/** The smallest near-cubic dims of `n` positions over `rank` dimensions (for fabrics that give none). */
export function defaultTorusDims(n: number, rank = 2): number[] {
  const dims: number[] = [];
  let rest = n;
  for (let i = rank; i > 1; i--) {
    let d = Math.max(1, Math.round(wholeRoot(rest, i)));
    while (rest % d !== 0) d--;
    dims.push(d);
    rest /= d;
  }
  dims.push(rest);
  return dims;
}
