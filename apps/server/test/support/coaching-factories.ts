// Coaching test data straight into the database: engagements and contacts, dated relative to a
// unit's today (America/Chicago unless the unit has coaching settings).
import { addDays, COACHING_DEFAULT_TARGETS, localDay, type CoachingContactMode, type Unit } from '@trellis/core';
import { insertCoachingContact, insertCoachingEngagement, type CoachingEngagementFields, type CoachingEngagementRecord, type CoachingContactRecord, type Queryable } from '@trellis/db';

export const chicagoToday = () => localDay(new Date(), 'America/Chicago');
/** Today in Chicago plus `n` days (negative for the past). */
export const dayFromToday = (n: number) => addDays(chicagoToday(), n);

export async function createEngagement(
  db: Queryable,
  unit: Unit,
  coachPersonId: string,
  opts: Partial<Omit<CoachingEngagementFields, 'unitId' | 'coachPersonId'>> = {},
): Promise<CoachingEngagementRecord> {
  return insertCoachingEngagement(
    db,
    {
      unitId: unit.id,
      coachPersonId,
      kind: 'coaching',
      coachAffiliation: 'external',
      target: { unitId: unit.id },
      focusAreaKeys: ['readiness-and-commitment', 'system-change-mechanisms'],
      startOn: dayFromToday(-20),
      plannedEndOn: null,
      goals: null,
      status: 'active',
      pauses: [],
      endedOn: null,
      cadence: COACHING_DEFAULT_TARGETS,
      ...opts,
    },
    null,
  );
}

export const createContact = (
  db: Queryable,
  engagementId: string,
  opts: { date?: string; mode?: CoachingContactMode; notes?: string | null; participantIds?: string[]; createdBy?: string | null } = {},
): Promise<CoachingContactRecord> =>
  insertCoachingContact(
    db,
    engagementId,
    {
      date: opts.date ?? dayFromToday(-1),
      mode: opts.mode ?? 'call',
      durationMinutes: 30,
      participantIds: opts.participantIds ?? [],
      topics: [],
      notes: opts.notes === undefined ? 'Talked through the team’s charter.' : opts.notes,
      agreements: null,
      nextSteps: [{ text: 'Draft the charter', dueOn: null, taskId: null }],
    },
    opts.createdBy ?? null,
  );
