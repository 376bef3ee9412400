// Worker-thread entry: register the TypeScript loader in this thread, then run the sweep worker.
import { register } from 'tsx/esm/api';

register();
await import('./sweep-worker.ts');
