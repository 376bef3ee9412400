/**
 * Equal-cost multi-path: a switch hashes a flow's header to one of its equal
 * uplinks. Deterministic for a given seed, so two flows can land on the same
 * uplink (a collision) exactly as they would in a real fabric.
 */

/** 32-bit mix (Murmur3 finalizer) of the flow's identifiers and the seed. */
export function ecmpHash(src: number, dst: number, flowId: number, seed: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const v of [src, dst, flowId]) {
    h = Math.imul(h ^ (v >>> 0), 0x85ebca6b) >>> 0;
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** Which of `ways` equal paths the flow takes. */
export function ecmpChoice(ways: number, src: number, dst: number, flowId: number, seed: number): number {
  return ways <= 1 ? 0 : ecmpHash(src, dst, flowId, seed) % ways;
}
