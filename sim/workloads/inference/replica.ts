/**
 * One serving replica with an iteration-level scheduler in the style of vLLM
 * and Orca (Yu et al., OSDI 2022: continuous batching). Each iteration:
 *  - chunked prefill on (vLLM v1, Sarathi-Serve): every running decode takes one
 *    token of the budget, then prompt chunks fill what is left of maxBatchTokens;
 *  - whole prompts mixed with decodes (TensorRT-LLM in-flight batching without
 *    chunked context; Orca): every running decode takes one token of the
 *    budget, then waiting prompts join whole while they fit in what is left;
 *  - separate prefill (vLLM v0 default): waiting prompts that fit run as a
 *    prefill-only iteration, otherwise the running requests decode.
 * KV cache is paged. With `kvReservation: 'prompt'` (vLLM) a request is
 * admitted when its prompt fits in the free pages; when decodes outgrow the
 * cache the most recently admitted request is preempted and later recomputed
 * (vLLM's default preemption). With 'full' (TensorRT-LLM GUARANTEED_NO_EVICT)
 * a request is admitted only when its prompt and its maximum output fit beside
 * what the running requests reserved, so nothing is ever preempted.
 * The replica is a state machine driven by the DES: `begin(now)` picks the
 * batch and returns its duration, `end(now)` applies it.
 */
import { FinishHeap } from './finish-heap';
import type { IterationWork } from './iteration-time';
import { prefillAttendedPairs } from './model';
import type { ServingRequest } from './request';

export interface SchedulerLimits {
  maxBatchTokens: number;
  maxBatchSize: number;
  prefill: 'chunked' | 'whole' | 'separate';
  /** 'prompt': admit on the prompt's pages and preempt on overflow (vLLM); 'full': reserve prompt + output at admission (TensorRT-LLM). */
  kvReservation: 'prompt' | 'full';
  /** KV-cache capacity in tokens (Infinity for models without a KV cache). */
  kvCapacityTokens: number;
  kvBlockTokens: number;
}

export interface ReplicaEvents {
  firstToken(r: ServingRequest, now: number): void;
  finished(r: ServingRequest, now: number): void;
}

/** Longest multi-iteration step (bounds the per-replica buffer). */
const MAX_STEP_ITERATIONS = 4096;

export type ReplicaState = 'starting' | 'ready' | 'draining' | 'stopped';

export class Replica {
  state: ReplicaState = 'ready';
  readyAt = 0;
  busy = false;
  /** Seconds spent in iterations (for utilization). */
  busyTime = 0;
  iterations = 0;
  preemptions = 0;

  private waiting: ServingRequest[] = [];
  private waitingHead = 0;
  private prefilling: ServingRequest[] = [];
  private decoding = new FinishHeap();
  private decodeIteration = 0;
  private decodeContext = 0;
  private kvUsed = 0;
  /** KV tokens reserved by running requests (prompt + maximum output each) under kvReservation 'full'. */
  private kvReserved = 0;
  private admitted = 0;
  // The batch of the iteration in flight (reused: an hour of traffic is millions of iterations).
  private chunkReqs: ServingRequest[] = [];
  private chunkSizes: number[] = [];
  private chunkCount = 0;
  private budget = 0;
  private decodesInFlight = 0;
  // A multi-iteration decode step: its start, iteration count and cumulative end times.
  private lastArrival = 0;
  private arrivalGap = Infinity;
  private stepStart = 0;
  private stepIterations = 1;
  private stepEndS = 0;
  private stepEnds = new Float64Array(MAX_STEP_ITERATIONS);
  private readonly work: IterationWork = { prefillTokens: 0, prefillPairs: 0, prefillsCompleting: 0, decodes: 0, decodeContext: 0 };

  constructor(
    readonly index: number,
    private readonly limits: SchedulerLimits,
    private readonly iterationTime: (w: IterationWork) => number,
    private readonly events: ReplicaEvents,
    private readonly macroSteps = true,
  ) {}

  /** Requests queued or running here. */
  get outstanding(): number {
    return this.waiting.length - this.waitingHead + this.prefilling.length + this.decoding.size;
  }

  get queued(): number {
    return this.waiting.length - this.waitingHead;
  }

  get running(): number {
    return this.prefilling.length + this.decoding.size;
  }

  /**
   * Occupancy in [0, 1]: KV-cache pages in use over capacity (what vLLM exports
   * as gpu_cache_usage_perc and autoscalers target), or running requests over
   * the batch size for models without a KV cache.
   */
  get occupancy(): number {
    if (this.limits.kvCapacityTokens === Infinity) return this.running / this.limits.maxBatchSize;
    return Math.min(1, Math.max(this.kvInUse() / this.limits.kvCapacityTokens, this.running / this.limits.maxBatchSize));
  }

  get hasWork(): boolean {
    return this.outstanding > 0;
  }

  enqueue(r: ServingRequest): void {
    this.waiting.push(r);
    // Mean gap between arrivals here (moving average): a multi-iteration step
    // is timed only this far ahead, since the next arrival will cut it there.
    const gap = r.arrival - this.lastArrival;
    this.lastArrival = r.arrival;
    this.arrivalGap = this.arrivalGap === Infinity ? gap : 0.9 * this.arrivalGap + 0.1 * gap;
  }

  private pushFront(r: ServingRequest): void {
    if (this.waitingHead > 0) this.waiting[--this.waitingHead] = r;
    else this.waiting.unshift(r);
  }

  /** KV tokens in use, counting the half-empty last page of each running request. */
  private kvInUse(): number {
    return this.kvUsed + (this.running * this.limits.kvBlockTokens) / 2;
  }

  /** Preempt the most recently admitted decoding request: free its KV and queue it for recompute. */
  private preemptLatest(): boolean {
    const items = this.decoding.items;
    if (items.length === 0) return false;
    let latest = 0;
    for (let i = 1; i < items.length; i++) if (items[i].admittedSeq > items[latest].admittedSeq) latest = i;
    const r = this.decoding.removeAt(latest)!;
    const context = r.input + r.generated;
    this.kvUsed -= context;
    this.decodeContext -= context;
    r.prefillLength = context;
    r.prefilled = 0;
    r.preemptions++;
    this.preemptions++;
    this.pushFront(r);
    return true;
  }

  /**
   * Chooses the next batch; returns its duration in seconds, or -1 when there
   * is nothing to run. When only decodes run and nothing waits, the batch is
   * the same until the next request finishes, so the iterations up to then are
   * taken as one step (each still timed on its own); an arrival cuts the step
   * at the iteration in flight (`cut`). Results equal single stepping.
   */
  begin(now = 0): number {
    const L = this.limits;
    this.chunkCount = 0;
    // Decodes grow the cache by one token each; make room by preemption first.
    // (A full reservation at admission leaves nothing to preempt.)
    while (L.kvReservation === 'prompt' && this.decoding.size > 0 && this.kvInUse() + this.decoding.size > L.kvCapacityTokens) {
      if (this.decoding.size === 1 && this.prefilling.length === 0) break; // alone: let it run (it fit when admitted)
      this.preemptLatest();
    }
    const work = this.work;
    work.prefillTokens = 0;
    work.prefillPairs = 0;
    work.prefillsCompleting = 0;
    work.decodes = 0;
    work.decodeContext = 0;
    this.budget = L.maxBatchTokens;
    if (L.prefill === 'chunked') {
      work.decodes = this.decoding.size;
      this.budget -= work.decodes;
      for (const r of this.prefilling) {
        if (this.budget <= 0) break;
        this.addChunk(r, Math.min(r.prefillLength - r.prefilled, this.budget));
      }
      while (this.budget > 0 && this.admit()) {
        const r = this.prefilling[this.prefilling.length - 1];
        this.addChunk(r, Math.min(r.prefillLength, this.budget));
      }
    } else if (L.prefill === 'whole') {
      work.decodes = this.decoding.size;
      this.budget -= work.decodes;
      // Whole prompts while they fit; one that can never fit the budget runs alone with the decodes.
      while (this.queued > 0) {
        const len = this.waiting[this.waitingHead].prefillLength;
        const fits = len <= this.budget || (this.chunkCount === 0 && len > L.maxBatchTokens);
        if (!fits || !this.admit()) break;
        const r = this.prefilling[this.prefilling.length - 1];
        this.addChunk(r, r.prefillLength);
      }
    } else {
      // Prefill-only iteration when prompts can be admitted; a lone prompt over the budget still runs.
      while (this.queued > 0 && (this.chunkCount === 0 || this.waiting[this.waitingHead].prefillLength <= this.budget) && this.admit()) {
        const r = this.prefilling[this.prefilling.length - 1];
        this.addChunk(r, r.prefillLength);
      }
      if (this.chunkCount === 0) work.decodes = this.decoding.size;
    }
    this.decodesInFlight = work.decodes;
    if (work.prefillTokens === 0 && work.decodes === 0) return -1;
    if (work.decodes > 0) work.decodeContext = this.decodeContext;
    let dt = this.iterationTime(work);
    this.stepIterations = 1;
    this.stepStart = now;
    const top = this.decoding.peek();
    if (this.macroSteps && this.chunkCount === 0 && this.queued === 0 && this.prefilling.length === 0 && top) {
      const d = work.decodes;
      const untilFinish = top.finishIteration - this.decodeIteration;
      const kvRoom = Math.floor((L.kvCapacityTokens - this.kvInUse()) / d);
      const k = Math.max(1, Math.min(untilFinish, kvRoom, MAX_STEP_ITERATIONS));
      if (k > 1) {
        const ends = this.stepEnds;
        ends[0] = dt;
        const horizon = 2 * this.arrivalGap;
        let j = 1;
        for (; j < k && ends[j - 1] < horizon; j++) {
          work.decodeContext += d;
          ends[j] = ends[j - 1] + this.iterationTime(work);
        }
        dt = ends[j - 1];
        this.stepIterations = j;
      }
    }
    this.stepEndS = dt;
    this.busy = true;
    this.busyTime += dt;
    this.iterations += this.stepIterations;
    return dt;
  }

  /**
   * A request arrived at `now` during a multi-iteration step: keep only the
   * iterations up to the one in flight. Returns the step's new duration from
   * its start, or -1 when nothing changes.
   */
  cut(now: number): number {
    if (!this.busy || this.stepIterations <= 1) return -1;
    const elapsed = now - this.stepStart;
    const ends = this.stepEnds;
    let j = 0;
    while (j < this.stepIterations - 1 && ends[j] < elapsed) j++;
    if (j === this.stepIterations - 1) return -1;
    const removed = this.stepEndS - ends[j];
    this.busyTime -= removed;
    this.iterations -= this.stepIterations - (j + 1);
    this.stepIterations = j + 1;
    this.stepEndS = ends[j];
    return ends[j];
  }

  get stepStartS(): number {
    return this.stepStart;
  }

  private addChunk(r: ServingRequest, chunk: number): void {
    this.chunkReqs[this.chunkCount] = r;
    this.chunkSizes[this.chunkCount] = chunk;
    this.chunkCount++;
    const work = this.work;
    work.prefillTokens += chunk;
    work.prefillPairs += prefillAttendedPairs(r.prefilled, chunk);
    if (r.prefilled + chunk >= r.prefillLength) work.prefillsCompleting++;
    this.budget -= chunk;
  }

  /** Moves the head of the queue into the running set if the batch and the KV cache have room. */
  private admit(): boolean {
    if (this.queued === 0 || this.running >= this.limits.maxBatchSize) return false;
    const r = this.waiting[this.waitingHead];
    const full = this.limits.kvReservation === 'full';
    const need = full ? this.kvReserved + r.input + r.output : this.kvInUse() + r.prefillLength;
    if (need + this.limits.kvBlockTokens > this.limits.kvCapacityTokens && this.running > 0) return false;
    if (full) this.kvReserved += r.input + r.output;
    this.waitingHead++;
    if (this.waitingHead > 1024 && this.waitingHead * 2 > this.waiting.length) {
      this.waiting = this.waiting.slice(this.waitingHead);
      this.waitingHead = 0;
    }
    r.admittedSeq = this.admitted++;
    this.kvUsed += r.prefillLength;
    this.prefilling.push(r);
    return true;
  }

  /** A finished request gives back what it reserved at admission. */
  private release(r: ServingRequest): void {
    if (this.limits.kvReservation === 'full') this.kvReserved -= r.input + r.output;
  }

  /** True while `end` runs: callbacks it makes (a finished request, a new one) must not start an iteration. */
  applying = false;

  /** Applies the iteration that just ended at `now`. */
  end(now: number): void {
    this.applying = true;
    if (this.decodesInFlight > 0) {
      const k = this.stepIterations;
      this.decodeIteration += k;
      this.decodeContext += k * this.decodesInFlight;
      this.kvUsed += k * this.decodesInFlight;
      for (let top = this.decoding.peek(); top && top.finishIteration <= this.decodeIteration; top = this.decoding.peek()) {
        this.decoding.pop();
        top.generated = top.output;
        const context = top.input + top.output;
        this.decodeContext -= context;
        this.kvUsed -= context;
        this.release(top);
        this.events.finished(top, now);
      }
    }
    let done = 0;
    for (let i = 0; i < this.chunkCount; i++) {
      const r = this.chunkReqs[i];
      r.prefilled += this.chunkSizes[i];
      if (r.prefilled < r.prefillLength) continue;
      done++;
      // The pass that completes a prompt samples a token: the first one, or the next one after a recompute.
      r.generated++;
      this.kvUsed += 1;
      if (Number.isNaN(r.firstTokenAt)) {
        r.firstTokenAt = now;
        this.events.firstToken(r, now);
      }
      if (r.generated >= r.output) {
        this.kvUsed -= r.input + r.generated;
        this.release(r);
        this.events.finished(r, now);
      } else {
        r.finishIteration = this.decodeIteration + (r.output - r.generated);
        this.decodeContext += r.input + r.generated;
        this.decoding.push(r);
      }
    }
    if (done > 0) this.prefilling = this.prefilling.filter((r) => r.prefilled < r.prefillLength);
    this.chunkCount = 0;
    this.decodesInFlight = 0;
    this.stepIterations = 1;
    this.busy = false;
    this.applying = false;
  }
}
