/**
 * The scenario files the user gave this page for `extends` (a base and its
 * variants, picked or dropped), by file name. `texts` goes to the engine with
 * each request; like the trace store's, it is a new object only when a file
 * comes or goes, so the engine client keys requests on its identity.
 */
import { bytes as formatBytes } from './format';
import { maxScenarioBytes, type ScenarioTexts } from './scenario-files';
import { baseName } from './trace-files';

/** A scenario file the page holds: its text, the name of the file picked (when held under another), its size. */
export interface HeldScenario {
  text: string;
  picked: string;
  bytes: number;
}

export class ScenarioFileStore {
  held = $state.raw<Record<string, HeldScenario>>({});
  /** What the last addition did, or why a file was refused (shown as text). */
  note = $state('');
  texts: ScenarioTexts = $derived(Object.fromEntries(Object.entries(this.held).map(([name, s]) => [name, s.text])));

  /**
   * Hold files by their own name; a single file given while the scenario misses
   * exactly one base goes under that base's name (the user picked it for that).
   * Returns the texts read, in the order given (refused files left out).
   */
  async add(list: File[], missing: string[] = []): Promise<Array<{ name: string; text: string }>> {
    const next = { ...this.held };
    const notes: string[] = [];
    const taken: Array<{ name: string; text: string }> = [];
    for (const f of list) {
      if (f.size > maxScenarioBytes) {
        notes.push(`${f.name} is ${formatBytes(f.size)}; a scenario file is at most ${formatBytes(maxScenarioBytes)}`);
        continue;
      }
      const name = list.length === 1 && missing.length === 1 ? baseName(missing[0]) : f.name;
      const text = await f.text();
      next[name] = { text, picked: f.name, bytes: f.size };
      taken.push({ name, text });
      if (name !== f.name) notes.push(`Using ${f.name} as ${name}`);
    }
    this.held = next;
    this.note = notes.join('; ');
    return taken;
  }

  remove(name: string): void {
    const next = { ...this.held };
    delete next[name];
    this.held = next;
    this.note = '';
  }
}
