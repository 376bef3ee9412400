// Worker-thread entry through the TypeScript loader: register tsx in this thread, then run the sweep worker.
// Seconds slower to start than the bundle (worker-bundle.ts); used only when the bundle cannot be built.
import { register } from 'tsx/esm/api';

register();
await import('./sweep-worker.ts');
