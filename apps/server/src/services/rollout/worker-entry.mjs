// The worker thread's entry: Trellis runs TypeScript through tsx (docs/decisions/0006), and a worker
// thread does not always inherit the loader (e.g. under Vitest), so it registers tsx itself.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
