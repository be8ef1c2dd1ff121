// Latency of one kind of request, one at a time over a keep-alive connection: bounded in count
// and in time, so a slow server makes a short run, never a hung one.
import { get } from './http.js';
import { summarize, type Summary } from './stats.js';

export interface LatencyResult extends Summary {
  /** Responses other than 200 (counted, and left out of the timings). */
  failures: number;
  /** Mean number of units in a response. */
  meanItems: number;
}

export async function measureLatency(
  baseUrl: string,
  cookie: string,
  nextPath: (i: number) => string,
  opts: { requests: number; maxSeconds: number; warmup?: number },
): Promise<LatencyResult> {
  const headers = { cookie };
  for (let i = 0; i < (opts.warmup ?? 10); i++) await get(baseUrl + nextPath(i), headers);
  const times: number[] = [];
  let failures = 0;
  let items = 0;
  const deadline = performance.now() + opts.maxSeconds * 1000;
  for (let i = 0; i < opts.requests && performance.now() < deadline; i++) {
    const started = performance.now();
    const res = await get(baseUrl + nextPath(i), headers);
    const ms = performance.now() - started;
    if (res.status !== 200) {
      failures++;
      continue;
    }
    times.push(ms);
    const body = JSON.parse(res.body) as unknown;
    items += Array.isArray(body) ? body.length : 1;
  }
  return { ...summarize(times), failures, meanItems: times.length ? items / times.length : 0 };
}
