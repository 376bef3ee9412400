import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { templates } from './bundled';
import { parse } from 'yaml';
import { evaluate } from './engine';
import { forgetParsed, knobsFor, parseYaml, readKnob, readKnobIn, setTopLevel, sliderSteps, sliderToValue, valueToSlider, writeKnob, dottedPath, type Knob, type RangeKnob } from './knobs';

const training = templates.find((t) => t.file === 'template-training.yaml')!.text;
const collective = templates.find((t) => t.file === 'template-collective.yaml')!.text;
const kinds = ['training', 'inference', 'collective', 'data-pipeline', 'trace'];
const rangeKnobs = [...new Map(kinds.flatMap((k) => knobsFor(k)).filter((k): k is RangeKnob => k.kind === 'range').map((k) => [k.id, k])).values()];
const knob = (kind: string, id: string): Knob => knobsFor(kind).find((k) => k.id === id)!;

describe('slider positions', () => {
  it.each(rangeKnobs.map((k) => [k.id, k] as const))('%s: every position maps to a value in range that maps back to the same position', (_, k) => {
    const steps = sliderSteps(k);
    expect(steps).toBeGreaterThan(0);
    expect(sliderToValue(k, 0)).toBeCloseTo(k.min, 6);
    expect(sliderToValue(k, steps) / k.max).toBeCloseTo(1, 2);
    for (let pos = 0; pos <= steps; pos++) {
      const v = sliderToValue(k, pos);
      expect(v).toBeGreaterThanOrEqual(k.min * 0.999);
      expect(v).toBeLessThanOrEqual(k.max * 1.001);
      if (k.integer) expect(Number.isInteger(v)).toBe(true);
      expect(valueToSlider(k, v)).toBe(pos);
    }
  });

  it('values outside the range land on the ends', () => {
    const k = knob('training', 'tokens') as RangeKnob;
    expect(valueToSlider(k, k.min / 100)).toBe(0);
    expect(valueToSlider(k, k.max * 100)).toBe(sliderSteps(k));
  });
});

describe('reading and writing knobs in the YAML text', () => {
  it('a knob write changes exactly one line and keeps the comments', () => {
    const text = training.replace('fidelity: analytic', 'fidelity: analytic # keep me');
    const out = writeKnob(text, knob('training', 'tokens'), 2e12);
    const a = text.split('\n'), b = out.split('\n');
    expect(b.length).toBe(a.length);
    const changed = a.map((l, i) => (l === b[i] ? -1 : i)).filter((i) => i >= 0);
    expect(changed.length).toBe(1);
    // The node keeps its exponent style (1e12 was written that way).
    expect(b[changed[0]]).toMatch(/^\s*tokens: 2e\+12$/);
    expect(readKnob(parseYaml(out), knob('training', 'tokens'))).toEqual({ state: 'value', value: 2e12 });
    expect(out).toContain('# keep me');
  });

  it('reads values written with units, absent fields and mappings', () => {
    const doc = parseYaml(collective);
    expect(readKnob(doc, knob('collective', 'bytes'))).toEqual({ state: 'value', value: 2 ** 30 });
    expect(readKnob(doc, knob('collective', 'op'))).toEqual({ state: 'value', value: 'all-reduce' });
    expect(readKnob(parseYaml(training), knob('training', 'cost-mode'))).toEqual({ state: 'value', value: 'cloud' });
    expect(readKnob(parseYaml(training.replace('cost: { mode: cloud, pricing: on-demand }', '')), knob('training', 'pricing'))).toEqual({ state: 'absent' });
    expect(readKnob(parseYaml(training.replace('model: llama3-8b', 'model: { name: mine, layers: 2 }')), knob('training', 'model'))).toEqual({ state: 'complex' });
    expect(readKnob(parseYaml(training.replace('tokens: 1e12', 'tokens: lots')), knob('training', 'tokens'))).toEqual({ state: 'complex' });
    const rate = readKnob(parseYaml(templates.find((t) => t.file === 'template-inference.yaml')!.text.replace('rate: 20', 'rate: 4.17 rps')), knob('inference', 'rate'));
    expect(rate).toEqual({ state: 'value', value: 4.17 });
  });

  it('the message-size slider writes a size with its unit that reads back to the same bytes', () => {
    const k = knob('collective', 'bytes') as RangeKnob;
    for (let pos = 0; pos <= sliderSteps(k); pos++) {
      const v = sliderToValue(k, pos);
      const out = writeKnob(collective, k, v);
      expect(out).toMatch(/bytes: \d+ (B|KiB|MiB|GiB)\b/);
      forgetParsed();
      expect(readKnob(parseYaml(out), k)).toEqual({ state: 'value', value: v });
    }
  });

  it('text that does not parse is returned unchanged', () => {
    const broken = `${training}\n  : : [`;
    expect(writeKnob(broken, knob('training', 'tokens'), 5e12)).toBe(broken);
    expect(setTopLevel(broken, 'calibration', 'mine')).toBe(broken);
  });

  it('the cached parse gives the same text as parsing afresh, for any sequence of knob moves', () => {
    const knobs = knobsFor('training');
    const move = fc.oneof(
      ...knobs.map((k) => (k.kind === 'range' ? fc.integer({ min: 0, max: sliderSteps(k) }).map((p) => [k, sliderToValue(k, p)] as const) : fc.constantFrom(...k.options.map((o) => [k, o.value] as const)))),
    );
    fc.assert(
      fc.property(fc.array(move, { minLength: 1, maxLength: 12 }), (moves) => {
        // The cached chain: each write edits the document the previous write left in the cache (as the form does).
        let cached = training;
        forgetParsed();
        for (const [k, v] of moves) {
          for (const other of knobs) readKnob(parseYaml(cached), other);
          cached = writeKnob(cached, k, v);
        }
        // The fresh chain: every write parses its text anew.
        let fresh = training;
        for (const [k, v] of moves) {
          forgetParsed();
          fresh = writeKnob(fresh, k, v);
        }
        expect(cached).toBe(fresh);
        const fromCache = knobs.map((k) => readKnob(parseYaml(cached), k));
        forgetParsed();
        expect(fromCache).toEqual(knobs.map((k) => readKnob(parseYaml(fresh), k)));
      }),
      { numRuns: 40 },
    );
  });

  it('dotted paths use the notation of sweeps and options', () => {
    expect(dottedPath(['cluster', 'pools', 0, 'count'])).toBe('cluster.pools[0].count');
  });
});

describe('knobs of a scenario that extends another', () => {
  const variant = 'version: 1\nextends: scaling-70b-h100.yaml\nworkload:\n  tokens: 15e12\n';
  const request = (text: string) => ({ text, file: 'variant.yaml', fidelity: 'analytic' as const, profiles: [] });

  it('read from inherited plain data exactly as from the document that wrote them', () => {
    for (const kind of kinds) {
      for (const k of knobsFor(kind)) for (const text of [training, collective]) expect(readKnobIn(parse(text), k)).toEqual(readKnob(parseYaml(text), k));
    }
    expect(readKnobIn({ cluster: { pools: [] } }, knob('training', 'count'))).toEqual({ state: 'absent' });
  });

  it('a knob inside an inherited list copies the list into the variant before setting it, so the merge keeps the rest of the pool', () => {
    const first = evaluate(request(variant));
    if (first.status !== 'ok' || !first.inherited) throw new Error('the variant must load with what it inherits');
    expect(first.inherited.from).toBe('scaling-70b-h100.yaml');
    expect(readKnobIn(first.inherited.data, knob('training', 'node'))).toEqual({ state: 'value', value: 'dgx-h100' });
    const written = writeKnob(variant, knob('training', 'node'), 'hgx-h200', first.inherited.data);
    expect(parse(written).cluster.pools).toEqual([{ name: 'h100', node: 'hgx-h200', count: 32 }]);
    expect(evaluate(request(written)).status).toBe('ok');
    // Without it the variant's one-field pool would replace the base's whole list (lists merge whole), and fail.
    const bare = evaluate(request(writeKnob(variant, knob('training', 'node'), 'hgx-h200')));
    expect(bare.status === 'invalid' && bare.issues.map((i) => i.path)).toContain('cluster.pools[0].count');
  });
});
