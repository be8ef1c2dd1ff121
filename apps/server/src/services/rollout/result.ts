// What the roll-out worker thread posts back: its stage as it goes, then the result or the error.
import type { RolloutResult } from '@trellis/core';

export type RolloutJobMessage = { jobId: number; stage: string } | { jobId: number; result: RolloutResult } | { jobId: number; error: string };
