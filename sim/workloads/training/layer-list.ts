/**
 * Models given as a list of layers (CNNs, MLPs, anything not a transformer
 * block): each layer becomes the same operations the transformer model uses
 * (matrix multiplies with their shapes, memory-bound passes with their bytes),
 * so the roofline, calibration and collective code price them alike.
 *
 * Shapes are per sample. FLOPs are 2 per multiply-add. A 2-D convolution runs
 * as an implicit GEMM (Chetlur et al. 2014, "cuDNN", sec. 3): M = output pixels
 * per sample (the batch multiplies it), N = output channels, K = input channels
 * per group × kernel area; its weights are K × N. Backward is two multiplies per
 * forward one (input and weight gradients); memory passes move twice their
 * forward bytes (read the gradient and the saved input, write the gradient).
 */
import { z } from 'zod';
import { matmul, type MatmulOp, type Op } from './ops';

const positiveInt = z.number().int().positive();

export const layerSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('matmul'),
    name: z.string().optional(),
    rows: positiveInt.default(1).describe('Rows per sample (tokens, positions); 1 for a fully connected layer on a vector'),
    inFeatures: positiveInt.describe('K: input features'),
    outFeatures: positiveInt.describe('N: output features (weights are inFeatures × outFeatures)'),
    count: positiveInt.default(1).describe('Identical layers in sequence'),
  }).strict(),
  z.object({
    kind: z.literal('conv2d'),
    name: z.string().optional(),
    inChannels: positiveInt,
    outChannels: positiveInt,
    kernel: positiveInt.describe('Kernel side (k × k)'),
    outHeight: positiveInt.describe('Output height per sample'),
    outWidth: positiveInt.describe('Output width per sample'),
    groups: positiveInt.default(1),
    count: positiveInt.default(1),
  }).strict(),
  z.object({
    kind: z.literal('elementwise'),
    name: z.string().optional(),
    elements: positiveInt.describe('Output elements per sample (e.g. C·H·W)'),
    inputs: positiveInt.default(1).describe('Tensors of the same size read (2 for a residual add)'),
    count: positiveInt.default(1),
  }).strict(),
  z.object({
    kind: z.literal('attention'),
    name: z.string().optional(),
    seqLength: positiveInt,
    heads: positiveInt,
    headDim: positiveInt,
    count: positiveInt.default(1),
  }).strict(),
]);

export const layerListModelSchema = z
  .object({
    name: z.string().optional(),
    layers: z.array(layerSchema).min(1).describe('The layers of one forward pass, per sample'),
  })
  .strict();

export type LayerSpec = z.output<typeof layerSchema>;
export type LayerListModel = z.output<typeof layerListModelSchema>;

export const isLayerListModel = (model: unknown): model is LayerListModel =>
  typeof model === 'object' && model !== null && Array.isArray((model as { layers?: unknown }).layers);

export interface LayerListOps {
  forward: Op[];
  backward: Op[];
  params: number;
  /** Activation elements kept for backward per sample (every layer's output). */
  activationElements: number;
}

function backwardOf(op: MatmulOp): MatmulOp[] {
  return [matmul(`${op.name}.dgrad`, op.m, op.k, op.n, op.batch), matmul(`${op.name}.wgrad`, op.k, op.n, op.m, op.batch)];
}

/** Operations of one forward and backward pass over `samples` samples, elements of `e` bytes. */
export function layerListOps(model: LayerListModel, samples: number, e: number): LayerListOps {
  const forward: Op[] = [];
  const backward: Op[] = [];
  let params = 0;
  let activationElements = 0;
  model.layers.forEach((l, i) => {
    const name = l.name ?? `${l.kind}-${i}`;
    for (let c = 0; c < l.count; c++) {
      if (l.kind === 'matmul') {
        const op = matmul(name, l.rows * samples, l.outFeatures, l.inFeatures);
        forward.push(op);
        backward.unshift(...backwardOf(op));
        params += l.inFeatures * l.outFeatures;
        activationElements += l.rows * l.outFeatures;
      } else if (l.kind === 'conv2d') {
        // Grouped convolution: `groups` independent GEMMs of K = inChannels/groups · k², N = outChannels/groups.
        const k = (l.inChannels / l.groups) * l.kernel * l.kernel;
        const op = matmul(name, l.outHeight * l.outWidth * samples, l.outChannels / l.groups, k, l.groups);
        forward.push(op);
        backward.unshift(...backwardOf(op));
        params += k * l.outChannels;
        activationElements += l.outHeight * l.outWidth * l.outChannels;
      } else if (l.kind === 'elementwise') {
        const bytes = l.elements * samples * (l.inputs + 1) * e;
        forward.push({ kind: 'memory', name, bytes });
        backward.unshift({ kind: 'memory', name: `${name}.grad`, bytes: 2 * bytes });
        activationElements += l.elements;
      } else {
        const heads = l.heads * samples;
        const scores = matmul(`${name}.scores`, l.seqLength, l.seqLength, l.headDim, heads);
        const context = matmul(`${name}.context`, l.seqLength, l.headDim, l.seqLength, heads);
        const softmax = { kind: 'memory' as const, name: `${name}.softmax`, bytes: 2 * heads * l.seqLength * l.seqLength * e };
        forward.push(scores, softmax, context);
        backward.unshift(...backwardOf(context), { kind: 'memory', name: `${softmax.name}.grad`, bytes: 1.5 * softmax.bytes }, ...backwardOf(scores));
        activationElements += l.heads * l.seqLength * (l.seqLength + l.headDim);
      }
    }
  });
  return { forward, backward, params, activationElements };
}
