import { describe, expect, it } from 'vitest';
import { HpaController, hpaRecommendation, type HpaPolicy } from './autoscaler';

const policy: HpaPolicy = { target: 0.6, tolerance: 0.1, minReplicas: 1, maxReplicas: 10, scaleUpStabilizationS: 0, scaleDownStabilizationS: 300 };

describe('HPA replica policy', () => {
  it('desired = ceil(current · metric / target), as the Kubernetes HPA computes it', () => {
    expect(hpaRecommendation(4, 0.9, policy)).toBe(6);
    expect(hpaRecommendation(4, 0.3, policy)).toBe(2);
  });

  it('does nothing within the tolerance', () => {
    expect(hpaRecommendation(4, 0.62, policy)).toBe(4);
    expect(hpaRecommendation(4, 0.55, policy)).toBe(4);
  });

  it('scales up at once but holds replicas through the scale-down window', () => {
    const c = new HpaController(policy);
    expect(c.decide(0, 2, 1.2)).toBe(4);
    expect(c.decide(15, 4, 0.15)).toBe(4); // the recommendation of 4 at t = 0 is still in the window
    expect(c.decide(301, 4, 0.15)).toBe(1); // the window has passed: max(recommendations since t = 1) = 1
  });

  it('keeps to the replica bounds', () => {
    const c = new HpaController(policy);
    expect(c.decide(0, 8, 5)).toBe(10);
    expect(new HpaController({ ...policy, scaleDownStabilizationS: 0 }).decide(0, 3, 0)).toBe(1);
  });
});
