#!/usr/bin/env node
// clusterplan CLI entry: registers the TypeScript loader (tsx) and hands over to sim/cli/main.ts.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../sim/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
