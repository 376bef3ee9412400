/** A pinned answer for the compare view: one result with where it came from. */
import type { RunResult } from '../../../sim/result';

export interface Pin {
  id: string;
  label: string;
  scenarioName: string;
  result: RunResult;
}

let counter = 0;

export function makePin(label: string, scenarioName: string, result: RunResult): Pin {
  counter += 1;
  return { id: `pin-${counter}-${result.scenario.hash}`, label, scenarioName, result };
}
