/**
 * The clusterplan command line (DESIGN.md contract). Exit codes: 0 success,
 * 2 invalid input (file, path, expectation, line; no stack trace), 1 internal
 * error or a run stopped by a limit.
 */
import { Command, CommanderError, Option } from 'commander';
import { InputError, RunLimitError, formatIssue } from '../errors';
import { VERSION } from '../version';
import { style } from './format';

export async function main(argv: string[]): Promise<number> {
  const s = style(Boolean(process.stderr.isTTY) && !process.env.NO_COLOR);
  let exitCode = 0;
  const program = new Command();
  program
    .name('clusterplan')
    .description('Cluster simulator and capacity planner for AI infrastructure')
    .version(VERSION, '-v, --version')
    .showHelpAfterError('(run clusterplan --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (str) => process.stderr.write(str) });

  program
    .command('run')
    .description('run one scenario (or its options and sweep) and print a summary')
    .argument('<file>', 'scenario file (YAML or JSON)')
    .option('--json <out>', 'write the RunResult JSON to a file, or - for stdout')
    .option('--report <out>', 'write a report: OUT.html, OUT.md or OUT.pdf')
    .addOption(new Option('--fidelity <fidelity>', 'override the scenario fidelity').choices(['analytic', 'des']))
    .option('--seed <n>', 'override the scenario seed', (v) => parseNonNegativeInt(v, '--seed'))
    .option('--workers <n>', 'threads that run sweep variants, this one included (default: cores)', (v) => parseNonNegativeInt(v, '--workers'))
    .option('--no-timing', 'report wall time as 0 so repeated runs give byte-identical JSON')
    .option('-q, --quiet', 'no progress bar and no summary')
    .action(async (file: string, opts) => {
      const { runCommand } = await import('./commands/run');
      exitCode = await runCommand(file, opts);
    });

  program
    .command('validate')
    .description('check scenario files; exit 0 when every one is valid')
    .argument('<files...>', 'scenario files')
    .action(async (files: string[]) => {
      const { validateCommand } = await import('./commands/validate');
      exitCode = validateCommand(files);
    });

  program
    .command('schema')
    .description('print the JSON Schema of scenario files (for editor completion and checks)')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (opts) => {
      const { schemaCommand } = await import('./commands/schema');
      exitCode = schemaCommand(opts);
    });

  program
    .command('list')
    .description('list bundled scenarios and catalog entries')
    .argument('[what]', 'scenarios, devices, nodes, fabrics, storage or prices (default: all)')
    .action(async (what?: string) => {
      const { listCommand } = await import('./commands/list');
      exitCode = await listCommand(what);
    });

  const catalog = program.command('catalog').description('inspect the hardware catalog');
  catalog
    .command('show')
    .description('show one catalog entry with the sources of its numbers')
    .argument('<id>', 'catalog id, e.g. h100-sxm or dgx-h100')
    .option('--json', 'print the entry as JSON')
    .action(async (id: string, opts) => {
      const { catalogShowCommand } = await import('./commands/list');
      exitCode = catalogShowCommand(id, opts);
    });

  program
    .command('plan')
    .description('run every bundled scenario and write their reports (the main job on bundled defaults)')
    .option('--out <dir>', 'folder for reports and JSON results', 'out')
    .option('--fidelity <fidelity>', 'override fidelity for every scenario')
    .option('-q, --quiet', 'no progress bar')
    .action(async (opts) => {
      const { planCommand } = await import('./commands/plan');
      exitCode = await planCommand(opts);
    });

  program
    .command('calibrate')
    .description('run microbenchmarks on this machine and write a calibration profile')
    .option('--backend <name>', 'wasm, cpu or tfjs-node-gpu', 'wasm')
    .option('--out <file>', 'profile file to write')
    .option('--quick', 'a short run (under a minute)')
    .option('--check', 'fit on some sizes, predict the others and print the error table')
    .option('--dir <dir>', 'directory for the storage microbenchmark')
    .option('--budget <seconds>', 'total time budget in seconds', (v) => parsePositive(v, '--budget'))
    .option('--device <id>', 'catalog device id to store the measured curves under (default: this host)')
    .option('--no-storage', 'skip the storage microbenchmark')
    .option('-q, --quiet', 'no progress bar')
    .action(async (opts) => {
      const { calibrateCommand } = await import('../../calibration/cli');
      exitCode = await calibrateCommand({ ...opts, budgetS: opts.budget });
    });

  program
    .command('import')
    .description('turn real benchmark output into calibration profile entries')
    .addArgument(new Command().createArgument('<kind>', 'nccl-tests or fio').choices(['nccl-tests', 'fio']))
    .argument('<file>', 'the benchmark output (nccl-tests log, fio JSON)')
    .option('--out <file>', 'profile file to write or extend')
    .option('--json', 'print the parsed entries as JSON')
    .action(async (kind: 'nccl-tests' | 'fio', file: string, opts) => {
      const { importCommand } = await import('../../calibration/cli');
      exitCode = await importCommand(kind, file, opts);
    });

  program
    .command('ui')
    .description('serve the built planner on 127.0.0.1')
    .option('--port <n>', 'port', (v) => parseNonNegativeInt(v, '--port'), 4173)
    .option('--no-open', 'do not print the open hint')
    .action(async (opts) => {
      const { uiCommand } = await import('./commands/ui');
      exitCode = await uiCommand(opts);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    return reportError(e, s);
  }
}

function parsePositive(v: string, flag: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InputError({ file: '<command line>', path: flag, expected: 'a positive number', found: JSON.stringify(v) });
  return n;
}

function parseNonNegativeInt(v: string, flag: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InputError({ file: '<command line>', path: flag, expected: 'a non-negative integer', found: JSON.stringify(v) });
  return n;
}

export function reportError(e: unknown, s = style(false)): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
    return 2; // commander already printed the message
  }
  if (e instanceof InputError) {
    const n = e.issues.length;
    process.stderr.write(`${s.red('error')}: ${n === 1 ? 'invalid input' : `${n} problems in the input`}\n`);
    for (const issue of e.issues) process.stderr.write(`  ${formatIssue(issue)}\n`);
    return 2;
  }
  if (e instanceof RunLimitError) {
    process.stderr.write(`${s.red('stopped')}: ${e.message}\n`);
    return 1;
  }
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`${s.red('internal error')}: ${message}\n`);
  if (process.env.CLUSTERPLAN_DEBUG && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
  else process.stderr.write(s.dim('(set CLUSTERPLAN_DEBUG=1 for the stack trace; please report this)\n'));
  return 1;
}
