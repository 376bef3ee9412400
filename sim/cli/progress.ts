/** A progress bar with ETA on stderr; silent when stderr is not a terminal or when quiet. */

export interface Progress {
  update(fraction: number, label?: string): void;
  done(): void;
}

export function progressBar(title: string, options: { quiet?: boolean; stream?: NodeJS.WriteStream } = {}): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.quiet || !stream.isTTY) return { update() {}, done() {} };
  const started = Date.now();
  let lastDraw = 0;
  let shown = false;
  const width = 28;
  const draw = (fraction: number, label?: string) => {
    const f = Math.min(1, Math.max(0, fraction));
    const filled = Math.round(f * width);
    const elapsed = (Date.now() - started) / 1000;
    const eta = f > 0.01 ? (elapsed * (1 - f)) / f : NaN;
    const etaText = Number.isFinite(eta) ? `ETA ${eta < 60 ? `${eta.toFixed(0)} s` : `${(eta / 60).toFixed(1)} min`}` : '';
    stream.write(`\r${title} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${(f * 100).toFixed(0).padStart(3)}% ${etaText}${label ? ` ${label}` : ''}\u001b[K`);
    shown = true;
  };
  return {
    update(fraction, label) {
      const now = Date.now();
      if (now - lastDraw < 80 && fraction < 1) return;
      lastDraw = now;
      draw(fraction, label);
    },
    done() {
      if (shown) stream.write('\r\u001b[K');
    },
  };
}
