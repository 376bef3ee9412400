/** Mount the planner over the static skeleton that index.html paints while the code loads. */
import { mount } from 'svelte';
import type { CalibrationProfile } from '../../calibration/profile';
import App from './App.svelte';
import type { EngineClient } from './lib/engine-client';
import type { SharedScenario } from './lib/share';

export function start(target: HTMLElement, props: { engine: EngineClient; initial: SharedScenario; initialProfiles: CalibrationProfile[] }): void {
  target.replaceChildren();
  mount(App, { target, props });
}
