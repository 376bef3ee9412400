/**
 * Turns the `model:` field (preset id, transformer, { preset, override }, or a
 * per-request cost) into the shape the serving models use. Presets come from
 * the training workload's table, so both workloads mean the same model by one id.
 */
import { InputError } from '../../errors';
import { findPreset, presetIds } from '../training/presets';
import type { TransformerModelInput } from '../training/schema';
import type { LlmShape } from './model';
import type { PerRequestModel } from './schema';

export type ServedModel =
  | ({ kind: 'llm'; name: string } & LlmShape)
  | ({ kind: 'per-request'; name: string } & PerRequestModel);

type ModelField = string | TransformerModelInput | { preset: string; override: Partial<TransformerModelInput> } | PerRequestModel;

/**
 * Parameters of a decoder-only transformer: attention Q,O (h·a·d each) and K,V
 * (h·kvHeads·d each), FFN 2 or 3 matrices of h·f (gated), experts for MoE,
 * embeddings V·h (twice unless tied). Norms and biases are under 0.01% and left out.
 */
export function transformerShape(m: TransformerModelInput): LlmShape {
  const h = m.hiddenSize;
  const headDim = h / m.heads;
  const kvHeads = m.kvHeads ?? m.heads;
  const attention = 2 * h * m.heads * headDim + 2 * h * kvHeads * headDim;
  const ffnMatrices = m.gatedFfn ? 3 : 2;
  const ffnSize = m.moe?.expertFfnHiddenSize ?? m.ffnHiddenSize ?? 4 * h;
  const oneFfn = ffnMatrices * h * ffnSize;
  const experts = m.moe ? m.moe.experts + m.moe.sharedExperts : 1;
  const activeExperts = m.moe ? m.moe.topK + m.moe.sharedExperts : 1;
  const embeddings = m.vocabSize * h * (m.tiedEmbeddings ? 1 : 2);
  const params = m.layers * (attention + experts * oneFfn) + embeddings;
  const activeParams = m.layers * (attention + activeExperts * oneFfn) + embeddings;
  const vocabParams = m.vocabSize * h;
  return {
    params, activeParams, layers: m.layers, hidden: h, heads: m.heads, kvHeads, headDim,
    headParams: vocabParams, lookupOnlyParams: m.tiedEmbeddings ? 0 : vocabParams,
    ffnHidden: ffnSize, gatedFfn: Boolean(m.gatedFfn),
    experts: m.moe?.experts ?? 0, topK: m.moe?.topK ?? 0, sharedExperts: m.moe?.sharedExperts ?? 0,
  };
}

/** Resolve the model field; `path` names it in errors (e.g. `workload.model`). */
export function resolveServedModel(field: ModelField, path = 'workload.model'): ServedModel {
  if (typeof field === 'string' || 'preset' in field) {
    const id = typeof field === 'string' ? field : field.preset;
    const preset = findPreset(id);
    if (!preset) {
      throw new InputError({ file: '<input>', path, expected: `a model preset id (${presetIds().join(', ')})`, found: JSON.stringify(id) });
    }
    const m = typeof field === 'string' ? preset.model : { ...preset.model, ...field.override };
    return { kind: 'llm', name: m.name ?? id, ...transformerShape(m) };
  }
  if ('flopPerRequest' in field) return { kind: 'per-request', ...field, name: field.name ?? 'per-request model' };
  return { kind: 'llm', name: field.name ?? 'transformer', ...transformerShape(field) };
}
