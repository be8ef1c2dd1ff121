// The roll-out computation, in a worker thread so that a large scenario never holds up other
// requests: check the scenario, schedule it, and sweep cadre sizes for the what-if chart. Posts
// its stage as it goes, then the result (or the error).
import { parentPort } from 'node:worker_threads';
import { cadreSweep, rolloutFacilitators, RolloutScenario, rolloutSummary, scheduleRollout, sweepSizes, type RolloutScenarioInput } from '@trellis/core';
import type { RolloutJobMessage } from './result.js';

if (!parentPort) throw new Error('worker.ts runs as a worker thread');
const port = parentPort;
const post = (m: RolloutJobMessage) => port.postMessage(m);

port.on('message', (job: { jobId: number; input: RolloutScenarioInput }) => {
  const { jobId, input } = job;
  try {
    post({ jobId, stage: `Checking the scenario (${input.sites.length.toLocaleString('en-US')} schools)` });
    const parsed = RolloutScenario.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      post({ jobId, error: `${issue.path.join('.')} ${issue.message}` });
      return;
    }
    post({ jobId, stage: `Scheduling ${parsed.data.sites.length.toLocaleString('en-US')} schools in ${parsed.data.subsets.length.toLocaleString('en-US')} groups` });
    const schedule = scheduleRollout(parsed.data);
    const size = rolloutFacilitators(parsed.data.cadre).length;
    post({ jobId, stage: 'Comparing cadre sizes' });
    const sweep = cadreSweep(parsed.data, sweepSizes(size));
    const siteNames = Object.fromEntries(parsed.data.sites.map((x) => [x.id, x.name]));
    post({ jobId, result: { summary: rolloutSummary(schedule, size, parsed.data), schedule, sweep, siteNames } });
  } catch (e) {
    post({ jobId, error: e instanceof Error ? e.message : String(e) });
  }
});
