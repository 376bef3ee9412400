/**
 * Guard: the simulator's and the calibration's sources call none of the
 * Math functions ECMA-262 leaves implementation-approximated (exp, log, pow,
 * sin, cos, cbrt, ...), and use `**` only between literals, except where the
 * allow-list below says why the value never reaches a result. Results must be
 * the same bits in every JavaScript engine: use sim/engine/portable-math.ts
 * (exp, log, log1p, sin, cos, cbrt, pow) or sim/units/portable-powers.ts
 * (wholePower, wholeRoot) instead.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const scanned = ['sim', 'calibration'];

/** Approximated by the engine (ECMA-262 §21.3.2: "implementation-approximated"). */
const APPROXIMATED = /\bMath\.(exp|expm1|log|log1p|log2|log10|pow|sin|cos|tan|asin|acos|atan|atan2|sinh|cosh|tanh|asinh|acosh|atanh|cbrt|hypot)\b/g;
const NUMBER = String.raw`(?:0[xX][0-9a-fA-F_]+|\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?)`;
/** The two sides of `a ** b` when both are numeric literals (exact powers such as 2 ** 30 come out alike everywhere). */
const LITERAL_BASE = new RegExp(String.raw`(^|[^\w.)\]])${NUMBER}\s*$`);
const LITERAL_EXPONENT = new RegExp(String.raw`^\s*-?${NUMBER}(?![\w.(])`);

interface Allowed {
  file: string;
  /** The exact text of the allowed use. */
  text: string;
  reason: string;
}
const allowList: Allowed[] = [
  { file: 'sim/report/charts/scale.ts', text: 'Math.log10', reason: "a chart axis's tick step: drawn, never in a RunResult" },
  { file: 'sim/report/charts/scale.ts', text: '10 ** Math', reason: "a chart axis's tick step: drawn, never in a RunResult" },
  { file: 'sim/report/testing/fixtures.ts', text: 'Math.sin', reason: 'a made-up series for report layout tests' },
  { file: 'sim/report/testing/fixtures.ts', text: ') ** 2', reason: 'a made-up series for report layout tests' },
];

function sources(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') sources(path, out);
    } else if (/\.(ts|js|mjs)$/.test(entry.name) && !/\.(test|spec)\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      out.push(path);
    }
  }
  return out;
}

/** The code with comments and '…' / "…" strings blanked (template literals kept: their ${…} is code). */
function codeOnly(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    let end = i + 1;
    if (c === '/' && next === '/') end = text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i);
    else if (c === '/' && next === '*') end = text.indexOf('*/', i + 2) === -1 ? text.length : text.indexOf('*/', i + 2) + 2;
    else if (c === "'" || c === '"') {
      end = i + 1;
      while (end < text.length && text[end] !== c && text[end] !== '\n') end += text[end] === '\\' ? 2 : 1;
      end++;
    } else {
      out += c;
      i++;
      continue;
    }
    out += text.slice(i, end).replace(/[^\n]/g, ' ');
    i = end;
  }
  return out;
}

interface Use {
  file: string;
  line: number;
  text: string;
}

/** Every approximated Math call and every `**` not between literals, with its line. */
function findUses(file: string, text: string): Use[] {
  const uses: Use[] = [];
  codeOnly(text)
    .split('\n')
    .forEach((line, n) => {
      for (const m of line.matchAll(APPROXIMATED)) uses.push({ file, line: n + 1, text: m[0] });
      for (let at = line.indexOf('**'); at !== -1; at = line.indexOf('**', at + 2)) {
        const literal = LITERAL_BASE.test(line.slice(0, at)) && LITERAL_EXPONENT.test(line.slice(at + 2));
        if (!literal) uses.push({ file, line: n + 1, text: line.slice(Math.max(0, at - 5), at + 7).trim() });
      }
    });
  return uses;
}

const allowed = (u: Use) => allowList.some((a) => a.file === u.file && u.text.includes(a.text.trim()));

describe('results do not depend on the JavaScript engine', () => {
  const files = scanned.flatMap((d) => sources(join(root, d)));
  const uses = files.flatMap((path) => findUses(relative(root, path).split('\\').join('/'), readFileSync(path, 'utf8')));

  it('sim/ and calibration/ call no implementation-approximated Math function and no inexact ** outside the allow-list', () => {
    const offending = uses.filter((u) => !allowed(u)).map((u) => `${u.file}:${u.line}: ${u.text} (use sim/engine/portable-math.ts or sim/units/portable-powers.ts)`);
    expect(files.length).toBeGreaterThan(100);
    expect(offending).toEqual([]);
  });

  it('every allow-list entry is still needed (stale entries are removed)', () => {
    const stale = allowList.filter((a) => !uses.some((u) => u.file === a.file && u.text.includes(a.text.trim())));
    expect(stale).toEqual([]);
  });

  it('the scanner catches calls, non-literal powers and skips comments, strings and literal powers', () => {
    const sample = [
      'const a = Math.exp(x);',
      'const b = x ** 2;',
      'const c = 2 ** n;',
      'const d = (1 + r) ** 12;',
      'const e = 2 ** 30 * 4;',
      '// Math.log in a comment',
      "const f = 'Math.pow in a string';",
      'const g = `${(v / 2 ** 20).toFixed(1)} MiB`;',
      'const h = Math.sqrt(x) + Math.floor(y);',
      'const i = 1024 ** 3;',
    ].join('\n');
    expect(findUses('sample.ts', sample).map((u) => u.line)).toEqual([1, 2, 3, 4]);
  });
});
