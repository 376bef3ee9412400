/**
 * The page's handle on the engine workers. Analytic answers come from one
 * long-lived worker, latest request wins (a knob dragged across ten values
 * runs the first and the last, not all ten). A DES run gets its own worker so
 * that cancel can terminate it outright and the analytic answers keep flowing.
 */
import * as Comlink from 'comlink';
import type { EvaluateRequest, Evaluation } from './engine';
import type { EngineApi } from './worker';

interface Engine { worker: Worker; api: Comlink.Remote<EngineApi> }

function spawn(): Engine {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'clusterplan-engine' });
  return { worker, api: Comlink.wrap<EngineApi>(worker) };
}

export class EngineClient {
  private analytic: Engine = spawn();
  private busy = false;
  private pending: { req: EvaluateRequest; resolve: (e: Evaluation | undefined) => void } | undefined;
  /** The latest analytic request and its answer: asking again for the same thing joins it (the boot request and the page's first). */
  private latest: { key: string; answer: Promise<Evaluation | undefined> } | undefined;
  private des: Engine | undefined;
  /** A DES worker started ahead of time: its bundle is parsed and evaluated before Run DES is pressed. */
  private spare: Engine | undefined;
  private desReject: ((reason: Error) => void) | undefined;

  /** Trace-file and scenario-file sets by identity: the page makes a new object when a file is added, so the key need not hash megabytes of CSV. */
  private fileSets = new WeakMap<object, number>();
  private fileSetCount = 0;

  private filesKey(files: EvaluateRequest['files'] | EvaluateRequest['scenarios']): number {
    // No files and an empty set are the same request: the page's first one joins the boot request (main.ts sends none).
    if (!files || Object.keys(files).length === 0) return 0;
    let id = this.fileSets.get(files);
    if (id === undefined) this.fileSets.set(files, (id = ++this.fileSetCount));
    return id;
  }

  /** Resolves with the evaluation, or undefined when a newer request replaced this one before it started. */
  analyze(req: Omit<EvaluateRequest, 'fidelity'>): Promise<Evaluation | undefined> {
    const key = JSON.stringify([req.file, req.variant ?? null, req.profiles, req.text, this.filesKey(req.files), this.filesKey(req.scenarios)]);
    if (this.latest?.key === key) return this.latest.answer;
    const answer = new Promise<Evaluation | undefined>((resolve) => {
      this.pending?.resolve(undefined);
      this.pending = { req: { ...req, fidelity: 'analytic' }, resolve };
      void this.drain();
    });
    this.latest = { key, answer };
    return answer;
  }

  private async drain(): Promise<void> {
    if (this.busy || !this.pending) return;
    const { req, resolve } = this.pending;
    this.pending = undefined;
    this.busy = true;
    try {
      resolve(await this.analytic.api.evaluate(req));
    } catch (e) {
      resolve({ status: 'failed', message: e instanceof Error ? e.message : String(e) });
    } finally {
      this.busy = false;
      void this.drain();
    }
  }

  /** One DES run; a second call cancels the first. Rejects with 'cancelled' when cancelled. */
  runDes(req: Omit<EvaluateRequest, 'fidelity'>, onProgress: (fraction: number) => void): Promise<Evaluation> {
    this.cancelDes();
    const engine = this.spare ?? spawn();
    this.spare = undefined;
    this.des = engine;
    return new Promise<Evaluation>((resolve, reject) => {
      this.desReject = reject;
      engine.api
        .evaluate({ ...req, fidelity: 'des' }, Comlink.proxy(onProgress))
        .then(resolve, (e: unknown) => resolve({ status: 'failed', message: e instanceof Error ? e.message : String(e) }))
        .finally(() => {
          if (this.des === engine) {
            engine.worker.terminate();
            this.des = undefined;
            this.desReject = undefined;
            this.warmDesSoon();
          }
        });
    });
  }

  /** Start a DES worker now (the user is reaching for Run DES), so the run starts computing at once. */
  warmDes(): void {
    this.spare ??= spawn();
  }

  get desRunning(): boolean {
    return this.des !== undefined;
  }

  /** Terminate the DES worker: the only way to stop a synchronous run mid-way. */
  cancelDes(): void {
    if (!this.des) return;
    this.des.worker.terminate();
    this.des = undefined;
    this.desReject?.(new Error('cancelled'));
    this.desReject = undefined;
    this.warmDesSoon();
  }

  private warmTimer: ReturnType<typeof setTimeout> | undefined;
  /** Warm the next DES worker a moment later, not in the same breath as the run that just ended. */
  warmDesSoon(delayMs = 1000): void {
    if (this.disposed) return;
    clearTimeout(this.warmTimer);
    this.warmTimer = setTimeout(() => { if (!this.disposed) this.warmDes(); }, delayMs);
  }

  private disposed = false;

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.warmTimer);
    this.cancelDes();
    this.spare?.worker.terminate();
    this.spare = undefined;
    this.analytic.worker.terminate();
  }
}
