/**
 * The form face of the editor: the main knobs of a scenario, each a path in
 * the YAML document. Reading and writing go through the `yaml` Document so
 * that a knob move changes one value and keeps the user's comments, order and
 * flow style; the YAML text stays the single source of truth.
 */
import { isMap, isScalar, parseDocument, type Document } from 'yaml';
import { fabrics, nodes } from '../../../sim/hardware/catalog/index';
import { parseQuantity, type Dimension } from '../../../sim/units/quantity';
import { modelPresets } from '../../../sim/workloads/training/presets';

export type KnobPath = Array<string | number>;

interface KnobBase {
  id: string;
  label: string;
  path: KnobPath;
  help?: string;
}

export interface SelectKnob extends KnobBase {
  kind: 'select';
  options: Array<{ value: string | number; label: string }>;
  /** What the scenario means when the field is absent. */
  absentLabel?: string;
}

export interface RangeKnob extends KnobBase {
  kind: 'range';
  min: number;
  max: number;
  /** 'log': the slider moves in equal ratios (tokens, device counts); 'linear': in equal steps. */
  scale: 'log' | 'linear';
  /** Log sliders: values per factor of 10 (or 2 when `powersOfTwo`). */
  stepsPerDecade?: number;
  powersOfTwo?: boolean;
  integer?: boolean;
  step?: number;
  unit: string;
  format: (v: number) => string;
  /** What a value written with a unit in the YAML ('1 GiB', '4.17 rps') measures; plain numbers when absent. */
  dimension?: Dimension;
  /** How a slider value is written back (e.g. '64 MiB' for sizes); the number itself when absent. */
  toYaml?: (v: number) => string | number;
}

export type Knob = SelectKnob | RangeKnob;

const num = (v: number, digits = 3) => (Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : String(Number(v.toPrecision(digits))));
const big = (v: number) => (v >= 1e12 ? `${num(v / 1e12)} T` : v >= 1e9 ? `${num(v / 1e9)} B` : v >= 1e6 ? `${num(v / 1e6)} M` : num(v));

/** 64 MiB, 1 GiB: exact for the powers of two the size slider moves in, and read back by parseQuantity. */
export const binarySize = (v: number) => (v >= 2 ** 30 ? `${num(v / 2 ** 30)} GiB` : v >= 2 ** 20 ? `${num(v / 2 ** 20)} MiB` : v >= 1024 ? `${num(v / 1024)} KiB` : `${num(v)} B`);

const nodeOptions = nodes.map((n) => ({ value: n.id, label: `${n.name} (${n.devicesPerNode}× ${n.device})` }));
const fabricOptions = fabrics.map((f) => ({ value: f.id, label: f.name }));
const presetOptions = modelPresets.map((p) => ({ value: p.id, label: p.model.name ?? p.id }));
const powers = (max: number) => Array.from({ length: Math.log2(max) + 1 }, (_, i) => ({ value: 2 ** i, label: String(2 ** i) }));

const clusterKnobs: Knob[] = [
  { id: 'node', kind: 'select', label: 'Accelerator node', path: ['cluster', 'pools', 0, 'node'], options: nodeOptions, help: 'Catalog node of the first pool' },
  { id: 'count', kind: 'range', label: 'Nodes', path: ['cluster', 'pools', 0, 'count'], min: 1, max: 4096, scale: 'log', powersOfTwo: true, integer: true, unit: 'nodes', format: (v) => num(v) },
  { id: 'fabric', kind: 'select', label: 'Fabric', path: ['cluster', 'network', 'fabric'], options: fabricOptions, absentLabel: "the node's NIC fabric" },
  { id: 'oversubscription', kind: 'range', label: 'Oversubscription', path: ['cluster', 'network', 'oversubscription'], min: 1, max: 8, scale: 'linear', step: 0.5, unit: '', format: (v) => `${num(v)}:1` },
];

const costKnobs: Knob[] = [
  { id: 'cost-mode', kind: 'select', label: 'Cost mode', path: ['cost', 'mode'], options: ['cloud', 'owned', 'compare'].map((v) => ({ value: v, label: v })), absentLabel: 'cloud' },
  { id: 'pricing', kind: 'select', label: 'Cloud pricing', path: ['cost', 'pricing'], options: ['on-demand', 'reserved-1y', 'reserved-3y', 'spot'].map((v) => ({ value: v, label: v })), absentLabel: 'on-demand' },
];

const trainingKnobs: Knob[] = [
  { id: 'model', kind: 'select', label: 'Model', path: ['workload', 'model'], options: presetOptions },
  { id: 'tensor', kind: 'select', label: 'Tensor parallel', path: ['workload', 'parallelism', 'tensor'], options: powers(64), absentLabel: '1' },
  { id: 'pipeline', kind: 'select', label: 'Pipeline stages', path: ['workload', 'parallelism', 'pipeline'], options: powers(128), absentLabel: '1' },
  { id: 'global-batch', kind: 'range', label: 'Global batch', path: ['workload', 'parallelism', 'globalBatchSize'], min: 16, max: 16384, scale: 'log', powersOfTwo: true, integer: true, unit: 'sequences', format: (v) => num(v) },
  { id: 'tokens', kind: 'range', label: 'Training tokens', path: ['workload', 'tokens'], min: 1e9, max: 1e14, scale: 'log', stepsPerDecade: 10, unit: 'tokens', format: big, dimension: 'count' },
];

const inferenceKnobs: Knob[] = [
  { id: 'model', kind: 'select', label: 'Model', path: ['workload', 'model'], options: presetOptions },
  { id: 'rate', kind: 'range', label: 'Traffic', path: ['workload', 'traffic', 'rate'], min: 0.1, max: 10000, scale: 'log', stepsPerDecade: 10, unit: 'requests/s', format: (v) => num(v), dimension: 'frequency' },
  { id: 'replica-tensor', kind: 'select', label: 'Tensor parallel per replica', path: ['workload', 'replica', 'tensor'], options: powers(8), absentLabel: '1' },
];

const collectiveKnobs: Knob[] = [
  { id: 'op', kind: 'select', label: 'Collective', path: ['workload', 'op'], options: ['all-reduce', 'reduce-scatter', 'all-gather', 'all-to-all', 'broadcast', 'send-recv'].map((v) => ({ value: v, label: v })) },
  { id: 'algorithm', kind: 'select', label: 'Algorithm', path: ['workload', 'algorithm'], options: ['auto', 'ring', 'tree', 'halving-doubling', 'hierarchical', 'nvls'].map((v) => ({ value: v, label: v })), absentLabel: 'auto' },
  { id: 'bytes', kind: 'range', label: 'Message size', path: ['workload', 'bytes'], min: 1024, max: 2 ** 36, scale: 'log', powersOfTwo: true, integer: true, unit: '', format: binarySize, dimension: 'bytes', toYaml: binarySize },
];

const dataPipelineKnobs: Knob[] = [
  { id: 'pipeline-nodes', kind: 'range', label: 'Pipeline nodes', path: ['workload', 'nodes'], min: 1, max: 1024, scale: 'log', powersOfTwo: true, integer: true, unit: 'nodes', format: (v) => num(v), help: 'Nodes of the pipeline pool used (all when unset)' },
  { id: 'pipeline-streams', kind: 'select', label: 'Storage streams per node', path: ['workload', 'streamsPerNode'], options: powers(128), absentLabel: '8' },
];

/** The knobs that apply to a workload kind, workload first. */
export function knobsFor(kind: string | undefined): Knob[] {
  const workload = kind === 'training' ? trainingKnobs : kind === 'inference' ? inferenceKnobs : kind === 'collective' ? collectiveKnobs : kind === 'data-pipeline' ? dataPipelineKnobs : [];
  return [...workload, ...clusterKnobs, ...(kind === 'collective' ? [] : costKnobs)];
}

/**
 * The parsed document of the text the form shows. One entry is kept: a slider
 * move parses the text once (here) instead of once to write the knob and once
 * more to redraw the form from the text it wrote.
 */
let lastParsed: { text: string; doc: Document } | undefined;

export function parseYaml(text: string): Document {
  if (lastParsed?.text === text) return lastParsed.doc;
  const doc = parseDocument(text, { keepSourceTokens: false });
  lastParsed = { text, doc };
  return doc;
}

/** Drop the cached document (tests compare the cached path with a fresh parse). */
export function forgetParsed(): void {
  lastParsed = undefined;
}

/** Edit the document of `text` and return the new text; the edited document becomes the cached parse of that text. */
function editText(text: string, edit: (doc: Document) => void): string {
  const doc = parseYaml(text);
  if (doc.errors.length > 0) return text;
  edit(doc);
  const out = doc.toString({ lineWidth: 0 });
  lastParsed = { text: out, doc };
  return out;
}

export function workloadKind(doc: Document): string | undefined {
  const k = doc.getIn(['workload', 'kind']);
  return typeof k === 'string' ? k : undefined;
}

export type KnobReading = { state: 'value'; value: string | number } | { state: 'absent' } | { state: 'complex' };

/** The knob's value in the document: a number or string, 'absent', or 'complex' (a mapping such as an inline model). */
export function readKnob(doc: Document, knob: Knob): KnobReading {
  const node = doc.getIn(knob.path, true);
  if (node === undefined || node === null) return { state: 'absent' };
  if (isMap(node)) return { state: 'complex' };
  return classify(isScalar(node) ? node.value : node, knob);
}

/** The knob's value in plain data (what a scenario inherits from the ones it extends), read as readKnob reads a document. */
export function readKnobIn(data: unknown, knob: Knob): KnobReading {
  const v = valueAt(data, knob.path);
  if (v === undefined || v === null) return { state: 'absent' };
  return classify(v, knob);
}

function classify(v: unknown, knob: Knob): KnobReading {
  if (typeof v === 'number' || typeof v === 'string') {
    if (knob.kind === 'range' && typeof v === 'string') {
      const n = parseQuantity(v, knob.dimension ?? 'count');
      return n.ok ? { state: 'value', value: n.value } : { state: 'complex' };
    }
    return { state: 'value', value: v };
  }
  return { state: 'complex' };
}

/**
 * The YAML text with one knob set; the rest of the text (comments included) is kept. `inherited`: what the
 * scenario inherits (`extends`). A list is replaced whole when scenarios merge, so a knob inside an inherited list
 * (`cluster.pools[0].count`) first copies that list into this text, then sets its value there.
 */
export function writeKnob(text: string, knob: Knob, value: string | number, inherited?: unknown): string {
  const written = knob.kind === 'range' && knob.toYaml && typeof value === 'number' ? knob.toYaml(value) : value;
  return editText(text, (doc) => {
    const list = knob.path.findIndex((seg) => typeof seg === 'number');
    if (list > 0 && inherited !== undefined) {
      const prefix = knob.path.slice(0, list);
      const own = doc.getIn(prefix, true);
      const theirs = valueAt(inherited, prefix);
      if ((own === undefined || own === null) && Array.isArray(theirs)) doc.setIn(prefix, doc.createNode(structuredClone(theirs)));
    }
    doc.setIn(knob.path, written);
  });
}

function valueAt(data: unknown, path: KnobPath): unknown {
  let v = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

/** The text with one top-level field set (e.g. `calibration: my-profile`). */
export function setTopLevel(text: string, key: string, value: string | number): string {
  return editText(text, (doc) => doc.set(key, value));
}

/** Slider position (0..steps) ↔ value, for log and linear knobs. */
export function sliderSteps(k: RangeKnob): number {
  if (k.scale === 'linear') return Math.round((k.max - k.min) / (k.step ?? 1));
  return k.powersOfTwo ? Math.round(Math.log2(k.max / k.min)) : Math.round(Math.log10(k.max / k.min) * (k.stepsPerDecade ?? 10));
}

export function sliderToValue(k: RangeKnob, pos: number): number {
  if (k.scale === 'linear') return k.min + pos * (k.step ?? 1);
  const v = k.powersOfTwo ? k.min * 2 ** pos : k.min * 10 ** (pos / (k.stepsPerDecade ?? 10));
  return k.integer ? Math.round(v) : Number(v.toPrecision(3));
}

export function valueToSlider(k: RangeKnob, v: number): number {
  const raw = k.scale === 'linear' ? (v - k.min) / (k.step ?? 1) : k.powersOfTwo ? Math.log2(v / k.min) : Math.log10(v / k.min) * (k.stepsPerDecade ?? 10);
  return Math.min(sliderSteps(k), Math.max(0, Math.round(raw)));
}

/** Paths a sweep or the options set, so the form can say which knobs they override. */
export function overriddenPaths(doc: Document): Map<string, string> {
  const out = new Map<string, string>();
  const sweep = doc.getIn(['sweep', 'parameters']);
  if (sweep && isMap(sweep)) for (const item of sweep.items) out.set(String(isScalar(item.key) ? item.key.value : item.key), 'swept');
  return out;
}

/** `cluster.pools[0].count` for a knob path, the notation sweeps and options use. */
export function dottedPath(path: KnobPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
