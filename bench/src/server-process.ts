// Runs `trellis serve` as a child process, the way an agency runs it, and times its start-up:
// from spawn to the first 200 from /api/health.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { onInterrupt } from './cleanup.js';
import { get } from './http.js';

const TRELLIS = fileURLToPath(new URL('../../apps/server/bin/trellis.mjs', import.meta.url));
const START_TIMEOUT_MS = 60_000;

export interface ServerProcess {
  pid: number;
  baseUrl: string;
  startupMs: number;
  /** The last lines the server wrote, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

export async function startServerProcess(env: Record<string, string>, port: number): Promise<ServerProcess> {
  const started = performance.now();
  // Its own process group, so stop() reaches tsx's child too (and nothing else).
  const child = spawn(process.execPath, [TRELLIS, 'serve'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited = false;
  child.on('exit', () => (exited = true));
  const baseUrl = `http://127.0.0.1:${port}`;

  const forget = onInterrupt(() => stopGroup(child));
  const stop = async () => {
    await stopGroup(child);
    forget();
  };
  while (true) {
    if (exited) throw new Error(`trellis serve exited before it answered:\n${output}`);
    if (performance.now() - started > START_TIMEOUT_MS) {
      await stop();
      throw new Error(`trellis serve did not answer /api/health within ${START_TIMEOUT_MS / 1000} s:\n${output}`);
    }
    const ok = await get(baseUrl + '/api/health', {}).then((r) => r.status === 200, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  return { pid: child.pid!, baseUrl, startupMs: performance.now() - started, output: () => output, stop };
}

/** SIGTERM to the group (the server closes its database), SIGKILL if it lingers. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
