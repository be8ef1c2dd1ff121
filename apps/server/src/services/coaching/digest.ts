// The daily coaching digest: for one coach, the engagements overdue or due soon on each unit's own
// local day, most urgent first, in plain words. Null when there is nothing to tell.
import { COACHING_CADENCE_STATE_LABELS, localDay } from '@trellis/core';
import { findPerson, listCoachEngagements, type Queryable } from '@trellis/db';
import { sortByUrgency, withStatuses } from './coaching.js';

export interface DigestMessage {
  toPersonId: string;
  toAddress: string;
  subject: string;
  bodyText: string;
  overdue: number;
  dueSoon: number;
}

export async function buildCoachDigest(q: Queryable, coachPersonId: string, now: Date, opts: { appUrl?: string | undefined } = {}): Promise<DigestMessage | null> {
  const coach = await findPerson(q, coachPersonId);
  if (!coach) return null;
  const engagements = await listCoachEngagements(q, coachPersonId);
  const items = sortByUrgency(await withStatuses(q, engagements, undefined, now)).filter((i) => i.status.state === 'overdue' || i.status.state === 'due_soon');
  if (items.length === 0) return null;
  const overdue = items.filter((i) => i.status.state === 'overdue').length;
  const dueSoon = items.length - overdue;
  const day = localDay(now, items[0]!.timeZone);
  const parts = [overdue ? `${overdue} overdue` : null, dueSoon ? `${dueSoon} due soon` : null].filter(Boolean).join(', ');
  const base = opts.appUrl?.replace(/\/$/, '') ?? '';
  const lines = items.map((i) => {
    const e = i.engagement;
    const link = base ? `\n  ${base}/coaching/engagements/${e.id}` : '';
    return `- ${COACHING_CADENCE_STATE_LABELS[i.status.state]}: ${e.targetName} (${e.unitName}), ${e.kind}.\n  ${i.status.message}${link}`;
  });
  return {
    toPersonId: coach.id,
    toAddress: coach.email,
    subject: `Trellis coaching for ${day}: ${parts}`,
    bodyText: [
      `Hello ${coach.name},`,
      '',
      `These engagements need a contact soon (${parts}):`,
      '',
      ...lines,
      '',
      'Log a contact in Trellis under Coaching → My caseload. You get this message each day you have an engagement overdue or due soon.',
    ].join('\n'),
    overdue,
    dueSoon,
  };
}
