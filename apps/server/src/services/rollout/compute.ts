// Runs roll-out computations in one worker thread, one at a time, and records each one's stage
// and outcome in the database. The request that starts a computation returns at once.
import { Worker } from 'node:worker_threads';
import type { RolloutScenarioInput } from '@trellis/core';
import { finishRolloutComputation, setRolloutStage, type Db } from '@trellis/db';
import type { RolloutJobMessage } from './result.js';

interface Job {
  scenarioId: string;
  computation: number;
  input: RolloutScenarioInput;
  done: () => void;
}


export class RolloutComputer {
  private worker: Worker | null = null;
  private readonly queue: Job[] = [];
  private running: (Job & { jobId: number }) | null = null;
  private nextJobId = 1;
  private closed = false;

  constructor(private readonly db: Db, private readonly log: (message: string, error?: unknown) => void = () => {}) {}

  /** Queues a computation; the promise settles when its outcome is stored. */
  compute(scenarioId: string, computation: number, input: RolloutScenarioInput): Promise<void> {
    return new Promise((resolve) => {
      this.queue.push({ scenarioId, computation, input, done: resolve });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('./worker-entry.mjs', import.meta.url));
    w.on('message', (m: RolloutJobMessage) => void this.onMessage(m));
    w.on('error', (e) => void this.onCrash(e));
    w.unref();
    this.worker = w;
    return w;
  }

  private pump(): void {
    if (this.running || this.closed) return;
    const job = this.queue.shift();
    if (!job) return;
    this.running = { ...job, jobId: this.nextJobId++ };
    this.ensureWorker().postMessage({ jobId: this.running.jobId, input: job.input });
  }

  private async onMessage(m: RolloutJobMessage): Promise<void> {
    const job = this.running;
    if (!job || job.jobId !== m.jobId) return;
    try {
      if ('stage' in m) return void (await setRolloutStage(this.db, job.scenarioId, job.computation, m.stage));
      this.running = null;
      await finishRolloutComputation(this.db, job.scenarioId, job.computation, 'result' in m ? { result: m.result } : { error: m.error });
      job.done();
    } catch (e) {
      this.log('could not store a roll-out computation', e);
      job.done();
    }
    this.pump();
  }

  /** A worker that dies fails its job (with the reason) and is replaced for the next one. */
  private async onCrash(e: unknown): Promise<void> {
    this.worker = null;
    const job = this.running;
    this.running = null;
    if (job) {
      await finishRolloutComputation(this.db, job.scenarioId, job.computation, { error: `The computation stopped: ${e instanceof Error ? e.message : String(e)}` }).catch(() => {});
      job.done();
    }
    this.pump();
  }
}
