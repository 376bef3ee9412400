/**
 * Browser calibration in a worker: TensorFlow.js matmul and element-wise
 * microbenchmarks on the best backend this browser offers (WebGL on an
 * OffscreenCanvas, else plain JS on the CPU), the same benchmark and fitting
 * code as `clusterplan calibrate`, and a profile (clusterplan.calibration/1).
 */
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { benchElementwise, benchMatmul, elementwiseSizes, matmulShapes } from '../../../calibration/bench/compute';
import type { LoadedBackend } from '../../../calibration/bench/tfjs-backend';
import { Budget } from '../../../calibration/bench/timing';
import { fitLocalDevice } from '../../../calibration/local-fit';
import { PROFILE_SCHEMA, type CalibrationProfile, type MeasuredPoint } from '../../../calibration/profile';

export interface BrowserCalibrationRequest {
  /** 'auto' tries webgl then cpu. */
  backend: 'auto' | 'webgl' | 'cpu';
  budgetS: number;
  /** Catalog device the curves are stored under (so scenarios on that device use them). */
  device: string;
  /** FP32 peak of that device from the catalog; efficiencies are relative to it. */
  specPeakFlops?: number;
  profileId: string;
}

export interface BrowserCalibrationResult {
  profile: CalibrationProfile;
  backend: string;
  gpu?: string;
  points: MeasuredPoint[];
}

function webglRenderer(): string | undefined {
  try {
    const canvas = new OffscreenCanvas(1, 1);
    const gl = canvas.getContext('webgl2') as WebGL2RenderingContext | null;
    if (!gl) return undefined;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  } catch {
    return undefined;
  }
}

async function pickBackend(wanted: BrowserCalibrationRequest['backend']): Promise<string> {
  const order = wanted === 'auto' ? ['webgl', 'cpu'] : [wanted];
  for (const name of order) {
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        return name;
      }
    } catch {
      // the next backend
    }
  }
  throw new Error(`no TensorFlow.js backend could start here (tried ${order.join(', ')})`);
}

const api = {
  async calibrate(req: BrowserCalibrationRequest, onProgress: (fraction: number, label: string) => void): Promise<BrowserCalibrationResult> {
    const backendName = await pickBackend(req.backend);
    const gpu = backendName === 'webgl' ? webglRenderer() : undefined;
    // compute.ts only reads tf, name and hasDevice; the browser backends are named by their tfjs ids.
    const backend = { tf, name: backendName, tfBackend: backendName, version: tf.version.tfjs, hasDevice: backendName === 'webgl', gpuName: gpu } as unknown as LoadedBackend;
    const budget = new Budget(req.budgetS);
    const repeat = { warmup: 1, minRepeats: 3, maxRepeats: 15, sliceS: 0.2 };
    const points: MeasuredPoint[] = [];
    points.push(...(await benchMatmul(backend, matmulShapes(true), { budget, phaseS: budget.totalS * 0.65, repeat, onPoint: (d, t, l) => onProgress((0.65 * d) / t, l) })));
    points.push(...(await benchElementwise(backend, elementwiseSizes(true), { budget, phaseS: Math.max(budget.leftS(), budget.totalS * 0.3), repeat, onPoint: (d, t, l) => onProgress(0.65 + (0.3 * d) / t, l) })));
    onProgress(0.97, 'fitting');
    const date = new Date().toISOString().slice(0, 10);
    const device = fitLocalDevice(points, {
      device: req.device,
      specPeakFlops: req.specPeakFlops,
      sources: [{ title: `measured in the browser with TensorFlow.js ${tf.version.tfjs} (${backendName}${gpu ? `, ${gpu}` : ''})`, date, note: 'clusterplan planner, Calibrate tab' }],
    });
    const profile: CalibrationProfile = {
      schema: PROFILE_SCHEMA,
      id: req.profileId,
      createdAt: new Date().toISOString(),
      host: { backend: backendName, backendVersion: tf.version.tfjs, ...(gpu ? { gpu } : {}), os: navigator.userAgent },
      devices: [device],
      collectives: [],
      storage: [],
      points,
      notes: `browser calibration; precision fp32 only (TensorFlow.js ${backendName}); ${req.specPeakFlops ? `efficiency relative to the catalog FP32 peak of ${req.device}` : 'efficiency relative to the fitted ceiling'}`,
    };
    onProgress(1, 'done');
    return { profile, backend: backendName, gpu, points };
  },
};

export type CalibrateApi = typeof api;
Comlink.expose(api);
