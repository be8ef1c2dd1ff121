// Access-control matrix entries for the coaching routes (spread into ROUTES in ../access-matrix.test.ts).
//
// Engagements made here are coached by the place's resident (who cannot sign in), never by a matrix
// caller while active: an active engagement gives its coach member access to its unit, which would
// change the caller's answers in later cases. Where a route also needs the caller to be the
// engagement's coach (logging a contact), the engagement has ended, so it gives no access.
import { expect } from 'vitest';
import { createPerson, createUnit } from '../support/factories.js';
import { createContact, createEngagement, dayFromToday } from '../support/coaching-factories.js';
import { unique, type MatrixContext, type MatrixEntries } from '../support/matrix.js';

/** An ended engagement at the place's school coached by the caller (or the resident, for no session), with one contact. */
async function endedOwnEngagement({ api, at, caller }: MatrixContext) {
  const coachId = caller.person?.id ?? at.person.id;
  const e = await createEngagement(api.db, at.school, coachId, { startOn: dayFromToday(-30), status: 'ended', endedOn: dayFromToday(-1) });
  const c = await createContact(api.db, e.id, { date: dayFromToday(-5), createdBy: coachId });
  return { e, c };
}

export const coachingMatrix: MatrixEntries = {
  'GET /api/catalogs/coaching': async () => ({ method: 'GET', url: '/api/catalogs/coaching' }),
  'GET /api/units/:id/coaching/focus-areas': async ({ at }) => ({
    method: 'GET',
    url: `/api/units/${at.school.id}/coaching/focus-areas`,
    decidedAt: at.school.path,
    check: (body) => expect((body as { areas: unknown[] }).areas.length).toBeGreaterThanOrEqual(15),
  }),
  'PATCH /api/units/:id/coaching/focus-areas': async ({ api, at }) => {
    // The district's own adaptation, at the version it has now (earlier cases may have changed it).
    const [row] = await api.db.query<{ version: number }>('select version from coaching_focus_adaptations where unit_id = $1', [at.district.id]);
    const label = unique('Matrix focus area');
    return {
      method: 'PATCH',
      url: `/api/units/${at.district.id}/coaching/focus-areas`,
      body: { version: row?.version ?? 0, changes: [{ op: 'add', label, text: 'An area the district adds.' }] },
      decidedAt: at.district.path,
      check: (body) => expect((body as { areas: { label: string; origin: string }[] }).areas.find((a) => a.label === label)?.origin).toBe('added'),
    };
  },
  'GET /api/units/:id/coaching/coach-candidates': async ({ api, at }) => {
    // An external coach (no home unit, no grant) is found by name; the place's resident too, for callers who may see them.
    const external = await createPerson(api.db, { home: null, name: unique('Matrix External Coach'), password: null });
    return {
      method: 'GET',
      url: `/api/units/${at.school.id}/coaching/coach-candidates?q=${encodeURIComponent(external.name)}`,
      decidedAt: at.school.path,
      check: (body) => expect((body as { people: { id: string; external: boolean }[] }).people).toEqual([expect.objectContaining({ id: external.id, external: true })]),
    };
  },
  'GET /api/coaching/caseload': async ({ api, at }) => {
    const e = await createEngagement(api.db, at.school, at.person.id);
    return {
      method: 'GET',
      url: `/api/coaching/caseload?coachId=${at.person.id}`,
      decidedAt: at.school.path,
      // Another coach's caseload shows only the engagements at units the caller may read.
      check: (body, visible) => expect((body as { items: { engagement: { id: string } }[] }).items.some((i) => i.engagement.id === e.id)).toBe(visible),
    };
  },
  'GET /api/units/:id/coaching/engagements': async ({ api, at }) => {
    const e = await createEngagement(api.db, at.school, at.person.id);
    return {
      method: 'GET',
      url: `/api/units/${at.school.id}/coaching/engagements`,
      decidedAt: at.school.path,
      check: (body) => expect((body as { engagement: { id: string } }[]).map((i) => i.engagement.id)).toContain(e.id),
    };
  },
  'GET /api/units/:id/coaching/coverage': async ({ at }) => ({ method: 'GET', url: `/api/units/${at.district.id}/coaching/coverage` }),
  'POST /api/coaching/engagements': async ({ at }) => ({
    method: 'POST',
    url: '/api/coaching/engagements',
    body: { unitId: at.school.id, coachPersonId: at.person.id, kind: 'mentoring', coachAffiliation: 'internal', target: { unitId: at.school.id }, focusAreaKeys: ['celebrate-progress'], startOn: dayFromToday(-3) },
    decidedAt: at.school.path,
  }),
  'GET /api/coaching/engagements/:id': async ({ api, at }) => ({ method: 'GET', url: `/api/coaching/engagements/${(await createEngagement(api.db, at.school, at.person.id)).id}`, decidedAt: at.school.path }),
  'PATCH /api/coaching/engagements/:id': async ({ api, at }) => {
    const e = await createEngagement(api.db, at.school, at.person.id);
    return { method: 'PATCH', url: `/api/coaching/engagements/${e.id}`, body: { version: e.version, goals: unique('Goals') }, decidedAt: at.school.path };
  },
  'DELETE /api/coaching/engagements/:id': async ({ api, at }) => ({ method: 'DELETE', url: `/api/coaching/engagements/${(await createEngagement(api.db, at.school, at.person.id)).id}`, decidedAt: at.school.path }),
  'GET /api/coaching/engagements/:id/cadence': async ({ api, at }) => ({
    method: 'GET',
    url: `/api/coaching/engagements/${(await createEngagement(api.db, at.school, at.person.id)).id}/cadence`,
    decidedAt: at.school.path,
  }),
  'GET /api/coaching/engagements/:id/contacts': async ({ api, at }) => {
    const e = await createEngagement(api.db, at.school, at.person.id);
    await createContact(api.db, e.id, { notes: 'Matrix notes' });
    return {
      method: 'GET',
      url: `/api/coaching/engagements/${e.id}/contacts`,
      decidedAt: at.school.path,
      check: (body) => expect((body as unknown[]).length).toBe(1),
    };
  },
  'POST /api/coaching/engagements/:id/contacts': async (x) => {
    const { e } = await endedOwnEngagement(x);
    return { method: 'POST', url: `/api/coaching/engagements/${e.id}/contacts`, body: { date: dayFromToday(-3), mode: 'email', durationMinutes: 15 }, decidedAt: x.at.school.path };
  },
  'PATCH /api/coaching/contacts/:id': async (x) => {
    const { c } = await endedOwnEngagement(x);
    return { method: 'PATCH', url: `/api/coaching/contacts/${c.id}`, body: { version: c.version, durationMinutes: 50 }, decidedAt: x.at.school.path };
  },
  'DELETE /api/coaching/contacts/:id': async (x) => {
    const { c } = await endedOwnEngagement(x);
    return { method: 'DELETE', url: `/api/coaching/contacts/${c.id}`, decidedAt: x.at.school.path };
  },
  'POST /api/coaching/contacts/:id/next-steps/:index/task': async (x) => {
    const { c } = await endedOwnEngagement(x);
    return { method: 'POST', url: `/api/coaching/contacts/${c.id}/next-steps/0/task`, decidedAt: x.at.school.path };
  },
  'GET /api/units/:id/coaching/facilitator-checks': async ({ at }) => ({ method: 'GET', url: `/api/units/${at.school.id}/coaching/facilitator-checks`, decidedAt: at.school.path }),
  'POST /api/coaching/facilitator-checks': async ({ api, at }) => {
    const facilitator = await createPerson(api.db, { home: at.school, password: null });
    return {
      method: 'POST',
      url: '/api/coaching/facilitator-checks',
      body: { facilitatorPersonId: facilitator.id, unitId: at.school.id, checkedOn: dayFromToday(-1), answers: [{ itemKey: 'identify-administrative-lead', answer: 'yes' }] },
      decidedAt: at.school.path,
    };
  },
  'GET /api/coaching/facilitator-checks/:id': async ({ api, at }) => {
    const facilitator = await createPerson(api.db, { home: at.school, password: null });
    const [f] = await api.db.query<{ id: string }>(
      `insert into coaching_facilitator_checks (id, unit_id, facilitator_person_id, checked_on, catalog_version, answers) values (gen_random_uuid(), $1, $2, current_date - 1, 'x', '[]') returning id`,
      [at.school.id, facilitator.id],
    );
    return { method: 'GET', url: `/api/coaching/facilitator-checks/${f!.id}`, decidedAt: at.school.path };
  },
  'PATCH /api/coaching/facilitator-checks/:id': async ({ api, at }) => {
    const facilitator = await createPerson(api.db, { home: at.school, password: null });
    const [f] = await api.db.query<{ id: string }>(
      `insert into coaching_facilitator_checks (id, unit_id, facilitator_person_id, checked_on, catalog_version, answers) values (gen_random_uuid(), $1, $2, current_date - 1, 'x', '[]') returning id`,
      [at.school.id, facilitator.id],
    );
    return {
      method: 'PATCH',
      url: `/api/coaching/facilitator-checks/${f!.id}`,
      body: { version: 1, answers: [{ itemKey: 'identify-administrative-lead', answer: 'no', why: 'Nobody named.', actionTaken: 'Asked the superintendent.' }] },
      decidedAt: at.school.path,
    };
  },
  'GET /api/units/:id/coaching/capacity': async ({ at }) => ({ method: 'GET', url: `/api/units/${at.school.id}/coaching/capacity`, decidedAt: at.school.path }),
  'POST /api/units/:id/coaching/capacity-transfers': async ({ api, at }) => {
    const leader = await createPerson(api.db, { home: at.school, password: null });
    return {
      method: 'POST',
      url: `/api/units/${at.school.id}/coaching/capacity-transfers`,
      body: { internalLeaderPersonId: leader.id, capacities: ['celebrate-progress'], plannedHandOverOn: dayFromToday(30) },
      decidedAt: at.school.path,
    };
  },
  'PATCH /api/coaching/capacity-transfers/:id': async ({ api, at }) => {
    const leader = await createPerson(api.db, { home: at.school, password: null });
    const [t] = await api.db.query<{ id: string }>(
      `insert into coaching_capacity_transfers (id, unit_id, internal_leader_person_id, capacities, planned_hand_over_on) values (gen_random_uuid(), $1, $2, '{celebrate-progress}', current_date) returning id`,
      [at.school.id, leader.id],
    );
    return { method: 'PATCH', url: `/api/coaching/capacity-transfers/${t!.id}`, body: { version: 1, plannedHandOverOn: dayFromToday(60) }, decidedAt: at.school.path };
  },
  'DELETE /api/coaching/capacity-transfers/:id': async ({ api, at }) => {
    const leader = await createPerson(api.db, { home: at.school, password: null });
    const [t] = await api.db.query<{ id: string }>(
      `insert into coaching_capacity_transfers (id, unit_id, internal_leader_person_id, capacities, planned_hand_over_on) values (gen_random_uuid(), $1, $2, '{celebrate-progress}', current_date) returning id`,
      [at.school.id, leader.id],
    );
    return { method: 'DELETE', url: `/api/coaching/capacity-transfers/${t!.id}`, decidedAt: at.school.path };
  },
  'GET /api/units/:id/coaching/settings': async ({ at }) => ({ method: 'GET', url: `/api/units/${at.school.id}/coaching/settings`, decidedAt: at.school.path }),
  'PUT /api/units/:id/coaching/settings': async ({ api, at }) => {
    const unit = await createUnit(api.db, 'school', at.feederPattern);
    return { method: 'PUT', url: `/api/units/${unit.id}/coaching/settings`, body: { version: 0, timeZone: 'America/Chicago' }, decidedAt: unit.path };
  },
  'GET /api/units/:id/coaching/reports': async ({ at }) => ({ method: 'GET', url: `/api/units/${at.district.id}/coaching/reports?groupBy=unit` }),
  'GET /api/units/:id/coaching/reports/export': async ({ at }) => ({ method: 'GET', url: `/api/units/${at.district.id}/coaching/reports/export?report=compliance` }),
  'GET /api/coaching/outbox': async () => ({ method: 'GET', url: '/api/coaching/outbox' }),
};
