// After the run (the server has stopped by now): remove its temporary directory, which holds the
// database and the copy of the web app the server served.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

export default function globalTeardown() {
  const runDir = process.env.TRELLIS_E2E_RUN_DIR;
  if (runDir && runDir.startsWith(tmpdir())) rmSync(runDir, { recursive: true, force: true });
}
