// What the progress report and the unit overview add to the progress rules: the unit's phase read
// from its plans, and the shapes of an agency's own instrument and of a dismissed proposal.
import { z } from 'zod';
import { optionalText, text } from '../schemas/fields.js';
import { Id } from '../organizations/schemas.js';
import { PLAN_PHASES, type PlanPhase } from '../plans/templates.js';
import type { PlanProgress } from '../plans/rules.js';
import { CelebrationMilestoneKeySchema } from './schemas.js';

/**
 * The phase a unit is in, read from its plans: the first phase, in the documents' order, that still
 * has tasks not done. A unit whose phased tasks are all done is in the last phase it has tasks in;
 * one with no phased tasks has no phase (null). The documents phase the work (Exhibit 4); Trellis
 * records no phase by hand, so that the report cannot say one thing and the plans another.
 */
export function unitPhase(progress: PlanProgress): PlanPhase | null {
  let last: PlanPhase | null = null;
  for (const phase of PLAN_PHASES) {
    const count = progress.byPhase[phase];
    if (count.total === 0) continue;
    if (count.done < count.total) return phase;
    last = phase;
  }
  return last;
}

const slug = z
  .string({ error: 'must be text' })
  .trim()
  .regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, 'must be lowercase words joined by hyphens')
  .max(120, 'must be at most 120 characters');

/** An agency's benchmark instrument: the shipped checklist with its own areas and items added. */
export const BenchmarkInstrumentCreate = z.strictObject({
  /** The unit that owns it (it is used there and below). */
  unitId: Id,
  id: slug,
  version: z
    .string({ error: 'must be text' })
    .trim()
    .regex(/^\d{4}\.\d{1,2}\.\d+$/, 'must be a version like 2026.11.1'),
  name: text(200),
  areas: z
    .array(z.strictObject({ key: slug, label: text(200), description: text(1000) }), { error: 'must be a list of areas' })
    .max(20, 'must be at most 20 areas')
    .default([]),
  items: z
    .array(
      z.strictObject({
        key: slug,
        title: text(300),
        area: slug,
        phase: z.enum(PLAN_PHASES, { error: `must be one of ${PLAN_PHASES.join(', ')}` }).nullable().default(null),
        evidence: text(1000, 'must not be empty: say what counts as evidence'),
      }),
      { error: 'must be a list of items' },
    )
    .min(1, 'must add at least one item')
    .max(200, 'must be at most 200 items'),
});
export type BenchmarkInstrumentCreate = z.infer<typeof BenchmarkInstrumentCreate>;

/** Dismiss a proposed celebration: it is not proposed again. */
export const CelebrationDismiss = z.strictObject({
  unitId: Id,
  milestoneKey: CelebrationMilestoneKeySchema,
  note: optionalText(1000).optional(),
});
export type CelebrationDismiss = z.infer<typeof CelebrationDismiss>;
