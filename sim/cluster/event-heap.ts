/**
 * A binary min-heap of timed events for the job-level scheduler, ordered by
 * time and then by insertion order (so simultaneous events run in the order
 * they were scheduled: deterministic). Parallel typed arrays keep 10^5–10^6
 * events cheap.
 */
export class EventHeap {
  private times = new Float64Array(1024);
  private seqs = new Float64Array(1024);
  private kinds = new Int32Array(1024);
  private args = new Int32Array(1024);
  private extras = new Int32Array(1024);
  private n = 0;
  private seq = 0;

  get size(): number {
    return this.n;
  }
  peekTime(): number {
    return this.n > 0 ? this.times[0] : Infinity;
  }

  push(time: number, kind: number, arg: number, extra = 0): void {
    if (this.n === this.times.length) this.grow();
    let i = this.n++;
    const s = this.seq++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.times[p] < time || (this.times[p] === time && this.seqs[p] < s)) break;
      this.move(p, i);
      i = p;
    }
    this.set(i, time, s, kind, arg, extra);
  }

  /** Removes the earliest event into `out` ([time, kind, arg, extra]). */
  pop(out: number[]): void {
    out[0] = this.times[0];
    out[1] = this.kinds[0];
    out[2] = this.args[0];
    out[3] = this.extras[0];
    const last = --this.n;
    if (last === 0) return;
    const t = this.times[last], s = this.seqs[last], k = this.kinds[last], a = this.args[last], e = this.extras[last];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      if (c + 1 < last && (this.times[c + 1] < this.times[c] || (this.times[c + 1] === this.times[c] && this.seqs[c + 1] < this.seqs[c]))) c++;
      if (t < this.times[c] || (t === this.times[c] && s < this.seqs[c])) break;
      this.move(c, i);
      i = c;
    }
    this.set(i, t, s, k, a, e);
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from];
    this.seqs[to] = this.seqs[from];
    this.kinds[to] = this.kinds[from];
    this.args[to] = this.args[from];
    this.extras[to] = this.extras[from];
  }
  private set(i: number, t: number, s: number, k: number, a: number, e: number): void {
    this.times[i] = t;
    this.seqs[i] = s;
    this.kinds[i] = k;
    this.args[i] = a;
    this.extras[i] = e;
  }
  private grow(): void {
    const cap = this.times.length * 2;
    const g = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.times = g(this.times, (n) => new Float64Array(n));
    this.seqs = g(this.seqs, (n) => new Float64Array(n));
    this.kinds = g(this.kinds, (n) => new Int32Array(n));
    this.args = g(this.args, (n) => new Int32Array(n));
    this.extras = g(this.extras, (n) => new Int32Array(n));
  }
}
