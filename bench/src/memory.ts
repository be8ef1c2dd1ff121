// Memory of a process tree from /proc (Linux): the server runs as `node bin/trellis.mjs`, which
// starts tsx, which starts the node process that actually serves. We follow the tree so the figure
// is the server's, never the benchmark's own.
import { readdirSync, readFileSync } from 'node:fs';

/** kB values of VmRSS and VmHWM (peak RSS) of one process, or null when it is gone. */
export function memoryOf(pid: number): { rssKb: number; hwmKb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') };
  } catch {
    return null;
  }
}

/** The pid and all its descendants. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // stat: "pid (comm) state ppid …"; comm may hold spaces, so read after the last ')'.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // the process ended while we looked
    }
  }
  const out: number[] = [];
  const visit = (pid: number) => {
    out.push(pid);
    for (const c of children.get(pid) ?? []) visit(c);
  };
  visit(root);
  return out;
}

export interface MemoryPeak {
  /** Peak RSS (VmHWM) of the process that serves: the largest in the tree. */
  serverPeakMb: number;
  /** Highest sum of current RSS over the whole tree (wrappers included) seen while polling. */
  treePeakMb: number;
}

/** Polls the tree's memory every `everyMs` until stopped; stop() returns the peaks. */
export function watchMemory(root: number, everyMs = 250): { stop(): MemoryPeak } {
  let serverPeakKb = 0;
  let treePeakKb = 0;
  const sample = () => {
    let sum = 0;
    for (const pid of processTree(root)) {
      const m = memoryOf(pid);
      if (!m) continue;
      sum += m.rssKb;
      serverPeakKb = Math.max(serverPeakKb, m.hwmKb);
    }
    treePeakKb = Math.max(treePeakKb, sum);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      sample();
      clearInterval(timer);
      return { serverPeakMb: serverPeakKb / 1024, treePeakMb: treePeakKb / 1024 };
    },
  };
}
