// The roll-out planner through the running server: a whole-state scenario (every school, grouped by
// district, with a cadre of 60) is posted, and while the worker thread computes it, school detail
// reads keep going. Their latency against the same reads when idle (measured earlier in the run)
// shows whether the computation holds up other requests.
import { get, send } from './http.js';
import { summarize, type Summary } from './stats.js';
import type { BenchState } from './generate.js';

export interface RolloutApiResult {
  /** POST to 202: reading the state's schools and checking the scenario, in the request. */
  postMs: number;
  /** POST to status ready (the worker's computation and the stored result). */
  computeMs: number;
  status: string;
  /** Unit detail reads while it computed. */
  readsDuring: Summary & { count: number };
  sites: number | null;
  monthsToScale: number | null;
  lowerBoundMonths: number | null;
}

export async function measureRolloutWhileComputing(baseUrl: string, cookie: string, state: BenchState): Promise<RolloutApiResult> {
  const session = JSON.parse((await get(baseUrl + '/api/auth/session', { cookie })).body) as { csrfToken: string };
  const headers = { cookie, 'x-csrf-token': session.csrfToken };
  const defaults = JSON.parse((await get(baseUrl + '/api/rollout/defaults', headers)).body) as Record<string, unknown>;
  const started = performance.now();
  const res = await send('POST', baseUrl + '/api/rollout-scenarios', headers, JSON.stringify({ unitId: state.stateId, name: 'Bench: the whole state', settings: { ...defaults, cadre: { count: 60, capacity: 4 } } }));
  const postMs = performance.now() - started;
  if (res.status !== 202) throw new Error(`Posting the state scenario failed with ${res.status}: ${res.body.slice(0, 300)}`);
  const id = (JSON.parse(res.body) as { id: string }).id;

  const times: number[] = [];
  let status = 'computing';
  let lastPoll = 0;
  const deadline = performance.now() + 120_000;
  let i = 0;
  while (status === 'computing' && performance.now() < deadline) {
    const t = performance.now();
    const r = await get(`${baseUrl}/api/units/${state.schoolIds[i++ % state.schoolIds.length]}`, headers);
    if (r.status === 200) times.push(performance.now() - t);
    if (performance.now() - lastPoll > 250) {
      lastPoll = performance.now();
      // The list carries the status and summary without the large result.
      const list = JSON.parse((await get(`${baseUrl}/api/units/${state.stateId}/rollout-scenarios`, headers)).body) as { id: string; status: string }[];
      status = list.find((x) => x.id === id)?.status ?? 'missing';
    }
  }
  const computeMs = performance.now() - started;
  const list = JSON.parse((await get(`${baseUrl}/api/units/${state.stateId}/rollout-scenarios`, headers)).body) as { id: string; summary: { siteCount: number; monthsToScale: number; lowerBoundMonths: number } | null }[];
  const summary = list.find((x) => x.id === id)?.summary ?? null;
  return {
    postMs,
    computeMs,
    status,
    readsDuring: { ...summarize(times), count: times.length },
    sites: summary?.siteCount ?? null,
    monthsToScale: summary?.monthsToScale ?? null,
    lowerBoundMonths: summary?.lowerBoundMonths ?? null,
  };
}
