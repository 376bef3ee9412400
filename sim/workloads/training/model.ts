/**
 * A transformer's shape with every default filled in, and its parameter counts.
 */
import { isLayerListModel } from './layer-list';
import { findPreset, presetIds } from './presets';
import type { TrainingWorkload, TransformerModelInput } from './schema';

export interface TransformerShape {
  name: string;
  layers: number;
  hiddenSize: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  ffnHiddenSize: number;
  gatedFfn: boolean;
  seqLength: number;
  vocabSize: number;
  tiedEmbeddings: boolean;
  moe?: { experts: number; topK: number; expertFfnHiddenSize: number; sharedExperts: number; capacityFactor: number };
}

export class UnknownPresetError extends Error {
  constructor(readonly preset: string) {
    super(`unknown model preset "${preset}"; presets: ${presetIds().join(', ')}`);
  }
}

/** Resolve `model:` (preset id, inline model, or preset with override) to a full shape. */
export function resolveModel(model: TrainingWorkload['model']): TransformerShape {
  let input: TransformerModelInput;
  if (typeof model === 'string') {
    const p = findPreset(model);
    if (!p) throw new UnknownPresetError(model);
    input = p.model;
  } else if ('preset' in model) {
    const p = findPreset(model.preset);
    if (!p) throw new UnknownPresetError(model.preset);
    input = { ...p.model, ...model.override } as TransformerModelInput;
  } else if (isLayerListModel(model)) {
    throw new Error('resolveModel: a layer-list model has no transformer shape (runTraining handles it separately)');
  } else {
    input = model;
  }
  const h = input.hiddenSize;
  const ffn = input.ffnHiddenSize ?? 4 * h;
  return {
    name: input.name ?? `${input.layers}-layer transformer (h=${h})`,
    layers: input.layers,
    hiddenSize: h,
    heads: input.heads,
    kvHeads: input.kvHeads ?? input.heads,
    headDim: h / input.heads,
    ffnHiddenSize: ffn,
    gatedFfn: input.gatedFfn ?? false,
    seqLength: input.seqLength,
    vocabSize: input.vocabSize,
    tiedEmbeddings: input.tiedEmbeddings ?? false,
    moe: input.moe
      ? {
          experts: input.moe.experts,
          topK: input.moe.topK,
          expertFfnHiddenSize: input.moe.expertFfnHiddenSize ?? ffn,
          sharedExperts: input.moe.sharedExperts ?? 0,
          capacityFactor: input.moe.capacityFactor ?? 1,
        }
      : undefined,
  };
}

/** Weight matrices of one FFN of inner size f: 2 (up, down) or 3 with a gate. */
const ffnParams = (m: TransformerShape, f: number) => (m.gatedFfn ? 3 : 2) * m.hiddenSize * f;

export interface LayerParams {
  attention: number;
  /** Dense FFN, or the shared experts and router of an MoE layer. */
  denseFfn: number;
  /** Routed expert weights (all experts). */
  experts: number;
  norms: number;
}

/** Parameters of one transformer block (biases left out: under 0.1% of the total). */
export function layerParams(m: TransformerShape): LayerParams {
  const h = m.hiddenSize;
  const attention = h * (h + 2 * m.kvHeads * m.headDim) + h * h;
  const norms = 2 * h;
  if (!m.moe) return { attention, denseFfn: ffnParams(m, m.ffnHiddenSize), experts: 0, norms };
  const fe = m.moe.expertFfnHiddenSize;
  return {
    attention,
    denseFfn: m.moe.sharedExperts * ffnParams(m, fe) + h * m.moe.experts,
    experts: m.moe.experts * ffnParams(m, fe),
    norms,
  };
}

export const embeddingParams = (m: TransformerShape) => m.vocabSize * m.hiddenSize;

export function totalParams(m: TransformerShape): number {
  const l = layerParams(m);
  return m.layers * (l.attention + l.denseFfn + l.experts + l.norms) + embeddingParams(m) * (m.tiedEmbeddings ? 1 : 2) + m.hiddenSize;
}

/** Parameters a token passes through (MoE: top-k routed experts only). */
export function activeParams(m: TransformerShape): number {
  if (!m.moe) return totalParams(m);
  const l = layerParams(m);
  const activeExperts = (l.experts / m.moe.experts) * m.moe.topK;
  return totalParams(m) - m.layers * (l.experts - activeExperts);
}
