// Things to undo if the run is interrupted (Ctrl+C): the server runs in its own process group, so
// the terminal's SIGINT does not reach it, and the PostgreSQL cluster lives until stopped.
const pending = new Set<() => Promise<void> | void>();

/** Registers an undo step; call the returned function once the step is done normally. */
export function onInterrupt(undo: () => Promise<void> | void): () => void {
  pending.add(undo);
  return () => pending.delete(undo);
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping the server and the database…`);
    for (const undo of [...pending].reverse()) await Promise.resolve(undo()).catch(() => {});
    process.exit(130);
  });
}
