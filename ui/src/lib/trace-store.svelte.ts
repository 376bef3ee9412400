/**
 * The trace files this page holds, by the name scenarios use for them: bundled
 * ones fetched when a scenario names them, and the user's own (picked or
 * dropped). `texts` is what goes to the engine with each request; it is a new
 * object only when a file comes or goes, so the engine client can key requests
 * on its identity instead of hashing megabytes of CSV.
 */
import { isBundledData, loadBundledData } from './bundled-data';
import { bytes as formatBytes } from './format';
import { baseName, maxTraceBytes, nameForPickedFile, type HeldTrace, type TraceTexts } from './trace-files';

export class TraceStore {
  held = $state.raw<Record<string, HeldTrace>>({});
  /** Bundled files on their way. */
  loading = $state<string[]>([]);
  /** What the last addition did, or why a file was refused (shown as text). */
  note = $state('');
  texts: TraceTexts = $derived(Object.fromEntries(Object.entries(this.held).map(([name, t]) => [name, t.text])));

  private readonly onLoading: (count: number) => void;

  /** `onLoading` hears how many bundled files are on their way (tests wait for none). */
  constructor(onLoading: (count: number) => void = () => {}) {
    this.onLoading = onLoading;
  }

  /**
   * Give the engine the traces it asked for: bundled ones are fetched (each its
   * own chunk, only now), and a file the user gave under its own name stands in
   * for a name with the same base name (a dropped my-jobs.csv for traces/my-jobs.csv).
   */
  supply(missing: string[]): void {
    const next = { ...this.held };
    let aliased = false;
    for (const name of missing) {
      if (isBundledData(name)) {
        if (!this.loading.includes(name)) this.fetchBundled(name);
        continue;
      }
      const own = Object.entries(next).find(([n, t]) => t.origin === 'yours' && baseName(n) === baseName(name));
      if (own) {
        next[name] = own[1];
        // A file held under its own name (dropped with its scenario) moves to the name the scenario uses.
        if (own[0] === own[1].picked) delete next[own[0]];
        aliased = true;
      }
    }
    if (aliased) this.held = next;
  }

  private fetchBundled(name: string): void {
    this.setLoading([...this.loading, name]);
    loadBundledData(name)
      .then((text) => { this.held = { ...this.held, [name]: { text, origin: 'bundled', bytes: new TextEncoder().encode(text).length } }; })
      .catch((e: unknown) => { this.note = `Could not load ${name}: ${e instanceof Error ? e.message : String(e)}`; })
      .finally(() => this.setLoading(this.loading.filter((n) => n !== name)));
  }

  private setLoading(names: string[]): void {
    this.loading = names;
    this.onLoading(names.length);
  }

  /**
   * The user's own files, each under the name the scenario uses for it when that
   * can be told (`missing`, `referenced`: the current scenario's names); with
   * neither, each keeps its own name and `supply` matches it later.
   */
  async add(list: File[], missing: string[], referenced: string[]): Promise<void> {
    if (list.length === 0) return;
    const next = { ...this.held };
    const notes: string[] = [];
    for (const f of list) {
      if (f.size > maxTraceBytes) {
        notes.push(`${f.name} is ${formatBytes(f.size)}; the planner reads traces up to ${formatBytes(maxTraceBytes)} in a page (use the CLI for larger ones)`);
        continue;
      }
      const name = nameForPickedFile(f.name, list.length, missing, referenced);
      next[name] = { text: await f.text(), origin: 'yours', picked: f.name, bytes: f.size };
      notes.push(name === f.name ? `Using ${f.name}` : `Using ${f.name} as ${name}`);
    }
    this.held = next;
    this.note = notes.join('; ');
  }

  remove(name: string): void {
    const next = { ...this.held };
    delete next[name];
    this.held = next;
    this.note = '';
  }
}
