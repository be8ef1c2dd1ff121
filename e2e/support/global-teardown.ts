// Removes the run's throwaway data directory (the server has stopped by now).
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

export default function globalTeardown() {
  const dir = process.env.TRELLIS_E2E_DATA_DIR;
  if (dir && dir.startsWith(tmpdir())) rmSync(dir, { recursive: true, force: true });
}
