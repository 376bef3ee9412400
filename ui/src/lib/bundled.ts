/** The scenarios shipped in scenarios/, bundled as text, plus blank templates to start from. */
import { decodeShare, type SharedScenario } from './share';

const files = import.meta.glob('../../../scenarios/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export interface BundledScenario {
  /** File name, e.g. scaling-70b-h100.yaml: the id the picker and shared links use. */
  file: string;
  /** The `name:` line, for the picker; the file name when it has none. */
  title: string;
  text: string;
}

function titleOf(text: string, file: string): string {
  const m = /^name:\s*(.+)$/m.exec(text);
  return m ? m[1].trim().replace(/^["']|["']$/g, '') : file;
}

export const bundledScenarios: BundledScenario[] = Object.entries(files)
  .map(([path, text]) => {
    const file = path.split('/').pop()!;
    return { file, title: titleOf(text, file), text };
  })
  .sort((a, b) => a.file.localeCompare(b.file));

/** The scenario the planner opens on: a sweep, so the scaling curve and the Pareto frontier show at once. */
export const defaultScenarioFile = 'scaling-70b-h100.yaml';

export const templates: BundledScenario[] = [
  {
    file: 'template-training.yaml',
    title: 'Template: train a model',
    text: `version: 1
name: Train Llama 3 8B on 64 H100
description: How long and how much to pre-train an 8B model on 1 trillion tokens?
fidelity: analytic
cluster:
  pools:
    - name: main
      node: dgx-h100
      count: 8
  network: { topology: fat-tree, fabric: ib-ndr, oversubscription: 1 }
workload:
  kind: training
  model: llama3-8b
  parallelism: { tensor: 1, pipeline: 1, microBatchSize: 1, globalBatchSize: 512, recompute: selective, zero: 1 }
  precision: bf16
  flashAttention: true
  tokens: 1e12
cost: { mode: cloud, pricing: on-demand }
`,
  },
  {
    file: 'template-inference.yaml',
    title: 'Template: serve a model',
    text: `version: 1
name: Serve Llama 3 8B at 20 requests/s
description: How many replicas keep time to first token under 500 ms?
fidelity: analytic
cluster:
  pools:
    - name: main
      node: dgx-h100
      count: 1
workload:
  kind: inference
  model: llama3-8b
  replicas: auto
  traffic: { pattern: poisson, rate: 20, duration: 600 }
  slo: { ttft: 500 ms, tpot: 50 ms }
  # The serving engine's scheduler: vllm or tensorrt-llm (each rule can also be set: prefill, kvReservation, memoryOf).
  batching: { engine: vllm }
cost: { mode: cloud, pricing: on-demand }
`,
  },
  {
    file: 'template-collective.yaml',
    title: 'Template: one collective',
    text: `version: 1
name: All-reduce of 1 GiB on 16 H100
description: What bus bandwidth does a ring all-reduce reach across two DGX H100?
fidelity: analytic
cluster:
  pools:
    - name: main
      node: dgx-h100
      count: 2
  network: { topology: fat-tree, fabric: ib-ndr, oversubscription: 1 }
workload: { kind: collective, op: all-reduce, algorithm: ring, bytes: 1 GiB }
`,
  },
  {
    file: 'template-data-pipeline.yaml',
    title: 'Template: prepare training data',
    text: `version: 1
name: Decode and shuffle 2 TB of images on 8 CPU servers
description: How long does the preprocessing take, which stage binds, and can it feed 64 H100 reading from local NVMe?
fidelity: analytic
cluster:
  pools:
    - name: etl
      node: cpu-server
      count: 8
    - name: train
      node: dgx-h100
      count: 8
  storage:
    - tier: parallel-fs
    - tier: local-nvme
workload:
  kind: data-pipeline
  pool: etl
  sources:
    - { name: images, storage: parallel-fs, bytes: 2 TB, objectBytes: 128 MB }
  stages:
    - { name: decode, partitions: 2048, throughputPerCore: 80 MB/s, outputRatio: 1.5 }
    - { name: shuffle, partitions: 2048, throughputPerCore: 400 MB/s, outputRatio: 1, shuffle: true }
  output: { storage: local-nvme }
  consumer: { bytesPerSample: 150 KB, samplesPerS: 20000 }
`,
  },
];

export function findScenario(file: string): BundledScenario | undefined {
  return bundledScenarios.find((s) => s.file === file) ?? templates.find((s) => s.file === file);
}

/** What the page opens on: a shared link's scenario, else the default one. */
export function initialScenario(hash: string): SharedScenario {
  const s = decodeShare(hash) ?? findScenario(defaultScenarioFile) ?? bundledScenarios[0];
  return { file: s.file, text: s.text };
}
