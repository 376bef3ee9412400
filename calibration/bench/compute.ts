/**
 * Compute and memory microbenchmarks on a TensorFlow.js backend: matrix
 * multiply over square and transformer-shaped (skinny) sizes, element-wise
 * add for memory bandwidth, and host↔device transfers where tensors live on a
 * device. Every point is warmed up, repeated and timed with the result's data
 * awaited inside the timed region, so asynchronous backends are timed to
 * completion, not to dispatch.
 */
import type { MeasuredPoint } from '../profile';
import type { LoadedBackend } from './tfjs-backend';

type Tensor = ReturnType<LoadedBackend['tf']['tensor']>;
import { type Budget, processCpuClock, type RepeatOptions, timeInterleaved, timeRepeats } from './timing';

export interface MatmulShape {
  m: number;
  n: number;
  k: number;
  /** 'square' or 'skinny' (few rows: the token dimension of a decode or small micro-batch). */
  family: 'square' | 'skinny';
}

/** Square sizes, then shapes a transformer layer produces (m = tokens, k/n = hidden or 4×hidden). */
export function matmulShapes(quick: boolean): MatmulShape[] {
  const square = (quick ? [32, 64, 128, 192, 256, 384, 512, 768] : [16, 32, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536]).map((s) => ({ m: s, n: s, k: s, family: 'square' as const }));
  const skinny: MatmulShape[] = [];
  const tokens = quick ? [1, 8, 64] : [1, 4, 16, 64, 128];
  const hidden = quick ? [256, 1024] : [256, 512, 1024, 2048];
  for (const m of tokens) for (const h of hidden) skinny.push({ m, n: 4 * h, k: h, family: 'skinny' }, { m, n: h, k: 4 * h, family: 'skinny' });
  return [...square, ...skinny].sort((a, b) => a.m * a.n * a.k - b.m * b.n * b.k);
}

export function elementwiseSizes(quick: boolean): number[] {
  const out: number[] = [];
  for (let bytes = 2 ** 10; bytes <= (quick ? 2 ** 22 : 2 ** 24); bytes *= quick ? 4 : 2) out.push(bytes);
  return out;
}

export interface PhaseOptions {
  budget: Budget;
  /** Seconds this phase may use at most. */
  phaseS: number;
  repeat: RepeatOptions;
  onPoint?: (done: number, total: number, label: string) => void;
  /** Also clock process CPU time (backends that compute on the calling thread). */
  cpuClock?: boolean;
}

/** Deterministic fill (no RNG needed: values only have to be finite and non-trivial). */
function filled(tf: LoadedBackend['tf'], shape: number[]) {
  const size = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(size);
  for (let i = 0; i < size; i++) data[i] = ((i * 2654435761) % 1000) / 1000 - 0.5;
  return tf.tensor(data, shape, 'float32');
}

/** The first few (smallest) points of a phase are always measured, so that every phase can be fitted. */
const alwaysMeasured = 3;

/** Whether a point estimated at `estimateS` per run still fits the phase and the total budget. */
function fits(index: number, opts: PhaseOptions, phaseStart: number, estimateS: number): boolean {
  const phaseLeft = opts.phaseS - (opts.budget.elapsedS() - phaseStart);
  const cost = estimateS * (opts.repeat.warmup + opts.repeat.minRepeats);
  return index < alwaysMeasured || (opts.budget.allows(cost) && cost <= phaseLeft);
}

async function measure(index: number, opts: PhaseOptions, phaseStart: number, estimateS: number, run: () => Promise<void>) {
  if (!fits(index, opts, phaseStart, estimateS)) return undefined;
  const phaseLeft = opts.phaseS - (opts.budget.elapsedS() - phaseStart);
  const repeat = { ...opts.repeat, sliceS: Math.min(opts.repeat.sliceS, Math.max(0, phaseLeft / 4)), cpuNow: opts.cpuClock ? processCpuClock : undefined };
  return timeRepeats(run, repeat);
}

/**
 * Kernels of the wasm and cpu backends run to completion inside the call
 * (tfjs-backend-wasm calls into XNNPACK synchronously; tfjs-backend-cpu
 * computes in JavaScript), so their time is the call's. Reading the result
 * back would add a copy into a fresh JavaScript array, and with it garbage
 * collection, that the operation itself does not do. Other backends
 * (WebGL, WebGPU, tfjs-node) are timed to their data.
 */
const synchronousBackends = new Set(['wasm', 'cpu']);

/**
 * Interleaved timing of one phase's operations. Each operation's inputs are
 * created on its first (untimed, warm-up) call, so operations the budget
 * leaves out cost nothing, and no timed call allocates its inputs.
 */
async function timePhase(backend: LoadedBackend, ops: Array<{ label: string; work: number; inputs: () => Tensor[]; op: (inputs: Tensor[]) => Tensor }>, opts: PhaseOptions) {
  const sync = synchronousBackends.has(backend.tfBackend);
  const { tf } = backend;
  const created: Tensor[][] = [];
  const calls = ops.map(({ inputs, op }, i) => {
    const x = () => (created[i] ??= inputs());
    if (sync) return () => op(x()).dispose();
    return async () => {
      const c = op(x());
      await c.data();
      c.dispose();
    };
  });
  const phaseLeft = Math.min(opts.phaseS, opts.budget.leftS());
  const before = tf.memory().numTensors;
  const timings = await timeInterleaved(calls, {
    ...opts.repeat,
    phaseS: phaseLeft,
    keepAtLeast: alwaysMeasured,
    work: ops.map((o) => o.work),
    cpuNow: opts.cpuClock ? processCpuClock : undefined,
    onWarm: (i) => opts.onPoint?.(i + 1, ops.length, ops[i].label),
  });
  for (const t of created.flat()) t?.dispose();
  if (tf.memory().numTensors !== before) throw new Error(`calibration: ${tf.memory().numTensors - before} tensors left undisposed after timing`);
  return timings;
}

export async function benchMatmul(backend: LoadedBackend, shapes: MatmulShape[], opts: PhaseOptions): Promise<MeasuredPoint[]> {
  const { tf } = backend;
  const timings = await timePhase(
    backend,
    shapes.map((s) => ({ label: `matmul ${s.m}x${s.n}x${s.k}`, work: 2 * s.m * s.n * s.k, inputs: () => [filled(tf, [s.m, s.k]), filled(tf, [s.k, s.n])], op: ([a, b]) => tf.matMul(a, b) })),
    opts,
  );
  return shapes.flatMap((s, i) => {
    const t = timings[i];
    if (!t) return [];
    const flop = 2 * s.m * s.n * s.k;
    return [{ kind: 'matmul' as const, params: { m: s.m, n: s.n, k: s.k, precision: 'fp32', family: s.family, backend: backend.name }, ...t, rate: flop / t.medianS }];
  });
}

/** c = a + b over n float32 elements moves 3·4·n bytes (two reads, one write). */
export async function benchElementwise(backend: LoadedBackend, sizes: number[], opts: PhaseOptions): Promise<MeasuredPoint[]> {
  const { tf } = backend;
  const timings = await timePhase(
    backend,
    sizes.map((n) => ({ label: `add ${n}`, work: 12 * n, inputs: () => [filled(tf, [n]), filled(tf, [n])], op: ([a, b]) => tf.add(a, b) })),
    opts,
  );
  return sizes.flatMap((n, i) => {
    const t = timings[i];
    if (!t) return [];
    const bytes = 12 * n;
    return [{ kind: 'elementwise' as const, params: { op: 'add', elements: n, bytes, precision: 'fp32', backend: backend.name }, ...t, rate: bytes / t.medianS }];
  });
}

/**
 * Host→device: create a tensor from host memory and make the device touch it
 * (a one-element slice read back, negligible next to the upload).
 * Device→host: read back a resident tensor. Only meaningful with a device.
 */
export async function benchTransfers(backend: LoadedBackend, sizes: number[], opts: PhaseOptions): Promise<MeasuredPoint[]> {
  const { tf } = backend;
  const points: MeasuredPoint[] = [];
  const start = opts.budget.elapsedS();
  let rate = 1e8;
  for (const [i, n] of sizes.entries()) {
    const bytes = 4 * n;
    const host = new Float32Array(n).fill(1);
    const h2d = await measure(i, opts, start, bytes / rate + 1e-3, async () => {
      const x = tf.tensor1d(host);
      const y = x.slice(0, 1);
      await y.data();
      x.dispose();
      y.dispose();
    });
    const resident = tf.tensor1d(host).mul(2);
    const d2h = await measure(i, opts, start, bytes / rate + 1e-3, async () => {
      await resident.data();
    });
    resident.dispose();
    opts.onPoint?.(i + 1, sizes.length, `transfer ${bytes} B`);
    if (h2d) {
      rate = Math.max(rate, bytes / h2d.medianS);
      points.push({ kind: 'transfer', params: { direction: 'host-to-device', bytes, backend: backend.name }, ...h2d, rate: bytes / h2d.medianS });
    }
    if (d2h) points.push({ kind: 'transfer', params: { direction: 'device-to-host', bytes, backend: backend.name }, ...d2h, rate: bytes / d2h.medianS });
  }
  return points;
}
