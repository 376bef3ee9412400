/**
 * Recursive halving-doubling all-reduce (Rabenseifner; Thakur, Rabenseifner &
 * Gropp 2005): log2(p) reduce-scatter steps exchanging S/2, S/4, ... with the
 * partner at distance p/2, p/4, ..., then the mirror all-gather. A non-power-of-two
 * count first folds the r = N - p extra ranks into partners (send S) and unfolds
 * them at the end (send S back).
 * Cost: 2·log2(p)·α + 2(p-1)/p·S/B (+ 2(α + S/B) when folding).
 */
import type { Topology } from '../../hardware/topology/types';
import type { CollectivePlan, Phase, Transfer } from '../types';

export function halvingDoublingPlan(op: 'all-reduce' | 'reduce-scatter' | 'all-gather', ranks: number[], bytes: number, topology: Topology): CollectivePlan {
  const n = ranks.length;
  let p = 1;
  while (p * 2 <= n) p *= 2;
  const r = n - p;
  const phases: Phase[] = [];
  const fold = (name: string, toCore: boolean): Phase => ({
    name,
    repeat: 1,
    transfers: Array.from({ length: r }, (_, i) => ({ route: toCore ? topology.route(ranks[p + i], ranks[i]) : topology.route(ranks[i], ranks[p + i]), bytes })),
  });
  const exchange = (distance: number, piece: number): Transfer[] => {
    const t: Transfer[] = [];
    for (let i = 0; i < p; i++) t.push({ route: topology.route(ranks[i], ranks[i ^ distance]), bytes: piece });
    return t;
  };
  if (r > 0 && op !== 'all-gather') phases.push(fold('fold extra ranks', true));
  const halving: Phase[] = [];
  for (let distance = p / 2, piece = bytes / 2; distance >= 1; distance /= 2, piece /= 2) {
    halving.push({ name: `halving distance ${distance}`, repeat: 1, transfers: exchange(distance, piece) });
  }
  if (op !== 'all-gather') phases.push(...halving);
  if (op !== 'reduce-scatter') {
    const doubling = halving.slice().reverse().map((ph) => ({ ...ph, name: ph.name.replace('halving', 'doubling') }));
    phases.push(...doubling);
  }
  if (r > 0 && op !== 'reduce-scatter') phases.push(fold('unfold extra ranks', false));
  return { algorithm: 'halving-doubling', phases };
}
