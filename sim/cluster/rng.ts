/**
 * A seeded generator for the cluster models (sfc32, Doty-Humphrey's small fast
 * counting generator; seeded through splitmix32). Same seed, same stream, on
 * every platform. The engine's Rng serves the same purpose for processes; this
 * one keeps the job-level scheduler free of the engine's run loop.
 */
export interface ClusterRng {
  uniform(): number;
  exponential(rate: number): number;
  normal(mean: number, std: number): number;
}

export function clusterRng(seed: number): ClusterRng {
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix(), b = splitmix(), c = splitmix(), d = splitmix();
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next();
  let spare: number | undefined;
  const uniform = (): number => (next() + 0.5) / 4294967296; // in (0, 1), never 0
  return {
    uniform,
    exponential: (rate) => -Math.log(uniform()) / rate,
    normal(mean, std) {
      if (spare !== undefined) {
        const v = spare;
        spare = undefined;
        return mean + std * v;
      }
      // Box-Muller: two independent standard normals from two uniforms.
      const r = Math.sqrt(-2 * Math.log(uniform()));
      const th = 2 * Math.PI * uniform();
      spare = r * Math.sin(th);
      return mean + std * r * Math.cos(th);
    },
  };
}
