/** The engine worker: analytic and DES runs off the main thread, behind comlink. */
import * as Comlink from 'comlink';
import { evaluate, type EvaluateRequest, type Evaluation } from './engine';

/** Forward progress at most every 1% or 100 ms: a DES step reports far more often than a page can paint. */
function throttled(report: (fraction: number) => void): (fraction: number) => void {
  let lastFraction = -1;
  let lastTime = 0;
  return (f) => {
    const now = performance.now();
    if (f - lastFraction >= 0.01 || now - lastTime >= 100 || f >= 1) {
      lastFraction = f;
      lastTime = now;
      void report(f);
    }
  };
}

const api = {
  evaluate(req: EvaluateRequest, onProgress?: (fraction: number) => void): Evaluation {
    return evaluate(req, onProgress ? throttled(onProgress) : undefined);
  },
};

export type EngineApi = typeof api;
Comlink.expose(api);
