// What the progress report and the unit overview add to the progress rules: the unit's phase read
// from its plans, and the shapes of an agency's own instrument and of a dismissed proposal.
import { z } from 'zod';
import { optionalText, text } from '../schemas/fields.js';
import { Id } from '../organizations/schemas.js';
import { PLAN_PHASES, type PlanPhase } from '../plans/templates.js';
import type { PlanProgress } from '../plans/rules.js';
import { CelebrationMilestoneKeySchema, ProgressInstrumentRefSchema } from './schemas.js';

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

const phase = z.enum(PLAN_PHASES, { error: `must be one of ${PLAN_PHASES.join(', ')}` }).nullable();

const keyList = (what: string) =>
  z
    .array(slug, { error: `must be a list of ${what} keys` })
    .max(500, `must be at most 500 ${what} keys`)
    .refine((list) => new Set(list).size === list.length, `must not list the same ${what} twice`);

/**
 * An agency's benchmark instrument, built from another one (the shipped checklist unless `basedOn`
 * names one; `null`: blank) by adding areas and items, leaving items out (`removeItems`) and
 * rewording items (`changeItems`). Reusing an agency instrument's id with a later version publishes
 * a new version of it (see buildBenchmarkInstrument and docs/decisions/0021).
 */
export const BenchmarkInstrumentCreate = z
  .strictObject({
    /** The unit that owns it (it is used there and below). */
    unitId: Id,
    id: slug,
    version: z
      .string({ error: 'must be text' })
      .trim()
      .regex(/^\d{4}\.\d{1,2}\.\d+$/, 'must be a version like 2026.11.1'),
    name: text(200),
    summary: optionalText(1000).optional(),
    /** The instrument it starts from: absent, the shipped checklist; null, nothing (a blank instrument). */
    basedOn: ProgressInstrumentRefSchema.nullable().optional(),
    areas: z
      .array(z.strictObject({ key: slug, label: text(200), description: text(1000) }), { error: 'must be a list of areas' })
      .max(20, 'must be at most 20 areas')
      .default([]),
    /** Items added (they cite no document; the server records who added them). */
    items: z
      .array(
        z.strictObject({
          key: slug,
          title: text(300),
          area: slug,
          phase: phase.default(null),
          evidence: text(1000, 'must not be empty: say what counts as evidence'),
        }),
        { error: 'must be a list of items' },
      )
      .max(200, 'must be at most 200 items')
      .default([]),
    /** Keys of the base's items to leave out. */
    removeItems: keyList('item').default([]),
    /** Items of the base reworded: only the fields given change. */
    changeItems: z
      .array(
        z.strictObject({
          key: slug,
          title: text(300).optional(),
          area: slug.optional(),
          phase: phase.optional(),
          evidence: text(1000, 'must not be empty: say what counts as evidence').optional(),
        }),
        { error: 'must be a list of item changes' },
      )
      .max(500, 'must be at most 500 item changes')
      .refine((list) => new Set(list.map((c) => c.key)).size === list.length, 'must not change the same item twice')
      .default([]),
  })
  .superRefine((b, ctx) => {
    if (b.items.length === 0 && b.removeItems.length === 0 && b.changeItems.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['items'],
        message: b.basedOn === null ? 'must have at least one item' : 'must add at least one item, or leave out or reword one of the instrument it is built from',
      });
    }
  });
export type BenchmarkInstrumentCreate = z.infer<typeof BenchmarkInstrumentCreate>;

/** Dismiss a proposed celebration: it is not proposed again. */
export const CelebrationDismiss = z.strictObject({
  unitId: Id,
  milestoneKey: CelebrationMilestoneKeySchema,
  note: optionalText(1000).optional(),
});
export type CelebrationDismiss = z.infer<typeof CelebrationDismiss>;
