/**
 * Model presets, each with the document its shape comes from.
 */
import type { Source } from '../../hardware/types';
import type { TransformerModelInput } from './schema';

export interface ModelPreset {
  id: string;
  model: TransformerModelInput;
  sources: Source[];
}

const llama3Herd: Source = {
  title: 'Llama Team, AI @ Meta, "The Llama 3 Herd of Models", arXiv:2407.21783, Table 3',
  url: 'https://arxiv.org/abs/2407.21783',
  date: '2024-07',
};

export const modelPresets: ModelPreset[] = [
  {
    id: 'gpt3-175b',
    model: { name: 'GPT-3 175B', layers: 96, hiddenSize: 12288, heads: 96, seqLength: 2048, vocabSize: 50257, gatedFfn: false, tiedEmbeddings: true },
    sources: [{ title: 'Brown et al., "Language Models are Few-Shot Learners", NeurIPS 2020, Table 2.1', url: 'https://arxiv.org/abs/2005.14165', date: '2020-05' }],
  },
  {
    id: 'llama3-8b',
    model: { name: 'Llama 3 8B', layers: 32, hiddenSize: 4096, heads: 32, kvHeads: 8, ffnHiddenSize: 14336, gatedFfn: true, seqLength: 8192, vocabSize: 128256, tiedEmbeddings: false },
    sources: [llama3Herd],
  },
  {
    id: 'llama3-70b',
    model: { name: 'Llama 3 70B', layers: 80, hiddenSize: 8192, heads: 64, kvHeads: 8, ffnHiddenSize: 28672, gatedFfn: true, seqLength: 8192, vocabSize: 128256, tiedEmbeddings: false },
    sources: [llama3Herd],
  },
  {
    id: 'llama3-405b',
    model: { name: 'Llama 3 405B', layers: 126, hiddenSize: 16384, heads: 128, kvHeads: 8, ffnHiddenSize: 53248, gatedFfn: true, seqLength: 8192, vocabSize: 128256, tiedEmbeddings: false },
    sources: [llama3Herd],
  },
  {
    id: 'mixtral-8x7b',
    model: {
      name: 'Mixtral 8x7B', layers: 32, hiddenSize: 4096, heads: 32, kvHeads: 8, ffnHiddenSize: 14336, gatedFfn: true, seqLength: 32768, vocabSize: 32000, tiedEmbeddings: false,
      moe: { experts: 8, topK: 2, sharedExperts: 0, capacityFactor: 1 },
    },
    sources: [{ title: 'Jiang et al., "Mixtral of Experts", arXiv:2401.04088, Table 1', url: 'https://arxiv.org/abs/2401.04088', date: '2024-01' }],
  },
  {
    id: 'dbrx-132b',
    model: {
      name: 'DBRX 132B', layers: 40, hiddenSize: 6144, heads: 48, kvHeads: 8, ffnHiddenSize: 10752, gatedFfn: true, seqLength: 32768, vocabSize: 100352, tiedEmbeddings: false,
      moe: { experts: 16, topK: 4, sharedExperts: 0, capacityFactor: 1 },
    },
    sources: [
      { title: 'Databricks, "Introducing DBRX: A New State-of-the-Art Open LLM"', url: 'https://www.databricks.com/blog/introducing-dbrx-new-state-art-open-llm', date: '2024-03' },
      { title: 'databricks/dbrx-base config.json (d_model, n_layers, n_heads, kv_n_heads, ffn_hidden_size, moe_num_experts, moe_top_k, vocab_size)', url: 'https://huggingface.co/databricks/dbrx-base', date: '2024-03' },
    ],
  },
];

export function findPreset(id: string): ModelPreset | undefined {
  return modelPresets.find((p) => p.id === id);
}

export const presetIds = (): string[] => modelPresets.map((p) => p.id);
