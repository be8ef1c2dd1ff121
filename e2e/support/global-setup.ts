// The server serves the built web app; build it when it is missing (the test script builds first).
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export default function globalSetup() {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  if (!existsSync(`${root}apps/web/dist/index.html`)) {
    console.log('apps/web/dist is missing: building the web app…');
    execSync('npm run build -w @trellis/web', { cwd: root, stdio: 'inherit' });
  }
}
