/** `clusterplan validate FILE...`: every problem of every file, then exit 2 if any. */
import { InputError, formatIssue } from '../../errors';
import { loadScenarioFile } from '../files';
import { style } from '../format';

export function validateCommand(files: string[]): number {
  const s = style(Boolean(process.stderr.isTTY) && !process.env.NO_COLOR);
  let bad = 0;
  for (const file of files) {
    try {
      const loaded = loadScenarioFile(file);
      const n = loaded.variants.length;
      process.stdout.write(`${s.green('✔')} ${file}: valid${n > 1 ? ` (${n} variants)` : ''}\n`);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      bad++;
      process.stderr.write(`${s.red('✖')} ${file}: ${e.issues.length} problem${e.issues.length === 1 ? '' : 's'}\n`);
      for (const issue of e.issues) process.stderr.write(`  ${formatIssue(issue)}\n`);
    }
  }
  return bad > 0 ? 2 : 0;
}
