/**
 * The replica-count policy of a Kubernetes Horizontal Pod Autoscaler
 * (kubernetes.io, "Horizontal Pod Autoscaling", algorithm details):
 * desired = ceil(current · metric / target), no change within the tolerance,
 * and stabilization windows: scaling up takes the lowest recommendation of the
 * up-window, scaling down the highest of the down-window, so a brief dip does
 * not remove replicas that the next peak needs.
 */
export interface HpaPolicy {
  target: number;
  tolerance: number;
  minReplicas: number;
  maxReplicas: number;
  scaleUpStabilizationS: number;
  scaleDownStabilizationS: number;
}

export function hpaRecommendation(current: number, metric: number, policy: HpaPolicy): number {
  if (current === 0) return Math.max(policy.minReplicas, metric > 0 ? 1 : 0);
  const ratio = metric / policy.target;
  if (Math.abs(ratio - 1) <= policy.tolerance) return current;
  return Math.ceil(current * ratio);
}

/** Keeps recent recommendations and applies the stabilization windows. */
export class HpaController {
  private history: Array<{ t: number; replicas: number }> = [];

  constructor(private readonly policy: HpaPolicy) {}

  /** Desired replicas at time `now` for the current count and the observed metric per replica. */
  decide(now: number, current: number, metric: number): number {
    const p = this.policy;
    const raw = Math.min(p.maxReplicas, Math.max(p.minReplicas, hpaRecommendation(current, metric, p)));
    this.history.push({ t: now, replicas: raw });
    const horizon = Math.max(p.scaleUpStabilizationS, p.scaleDownStabilizationS);
    while (this.history.length > 0 && this.history[0].t < now - horizon) this.history.shift();
    let desired = current;
    if (raw > current) {
      let lowest = raw;
      for (const h of this.history) if (h.t >= now - p.scaleUpStabilizationS) lowest = Math.min(lowest, h.replicas);
      desired = Math.max(current, lowest);
    } else if (raw < current) {
      let highest = raw;
      for (const h of this.history) if (h.t >= now - p.scaleDownStabilizationS) highest = Math.max(highest, h.replicas);
      desired = Math.min(current, highest);
    }
    return desired;
  }
}
