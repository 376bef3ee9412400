/**
 * A job of a shared cluster, as the scheduler sees it: plain data, SI units.
 * Importers (Philly, Alibaba, generic CSV), the synthetic generator and inline
 * scenario jobs all produce this shape.
 */

export interface ClusterJob {
  /** Stable id (from the trace when it has one, else the row index). */
  id: string;
  /** Submission time, seconds from the start of the trace. */
  submitS: number;
  /** Accelerators requested (whole devices). */
  gpus: number;
  /** Run time at full speed on `gpus` devices with ideal placement, seconds. */
  durationS: number;
  /** Gang: all `gpus` at once. Elastic: any count in [minGpus, gpus]; work is conserved (gpus × duration). */
  elastic?: { minGpus: number };
  /** Accelerator type asked for (catalog device id or the trace's own code); informational. */
  gpuType?: string;
  user?: string;
  team?: string;
  /** Larger runs first under `priority-preemptive`. */
  priority?: number;
}

/** A count of rows an importer dropped or repaired, and why (never silent). */
export interface ImportNote {
  code: string;
  count: number;
  message: string;
}

export interface ImportResult {
  jobs: ClusterJob[];
  notes: ImportNote[];
  /** Rows read (excluding header and comments). */
  rows: number;
}

/** Collects notes by code, counting occurrences and keeping the first message as the example. */
export class NoteCounter {
  private readonly byCode = new Map<string, ImportNote>();
  add(code: string, message: string): void {
    const n = this.byCode.get(code);
    if (n) n.count += 1;
    else this.byCode.set(code, { code, count: 1, message });
  }
  list(): ImportNote[] {
    return [...this.byCode.values()];
  }
}
