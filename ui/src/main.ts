/**
 * Boot: start the engine worker and the first answer before the UI's code is
 * fetched. The worker parses its bundle and computes on another thread while
 * this one loads and mounts Svelte, d3 and the editors; the App's first
 * request is the same one and joins it (EngineClient.analyze).
 */
import './app.css';
import { initialScenario } from './lib/bundled';
import { EngineClient } from './lib/engine-client';
import { loadProfiles } from './lib/profiles';

performance.mark('boot:entry');
const engine = new EngineClient();
const initial = initialScenario(location.hash);
const initialProfiles = loadProfiles();
void engine.analyze({ text: initial.text, file: initial.file, profiles: initialProfiles });

void import('./start').then(({ start }) => {
  performance.mark('boot:ui-loaded');
  start(document.getElementById('app')!, { engine, initial, initialProfiles });
  performance.mark('boot:mounted');
});
