// Coaching through the API: a leader sets up an engagement for an external coach, who then sees
// exactly that school (and loses it the moment the engagement ends); contacts turn an overdue
// engagement on track; notes are for the engagement's people and the unit's leaders only; next
// steps become tasks; coverage, facilitator checks, the hand-over plan and reports (with CSV).
import { describe, expect, it } from 'vitest';
import { addDays, localDay, type Unit } from '@trellis/core';
import { signIn, type Agent } from './support/agent.js';
import { useApi } from './support/api.js';
import { testDatabases } from './support/databases.js';
import { createPerson, createPersonWithRole, createStateTree, PASSWORD, type StateTree, type TestPerson } from './support/factories.js';
import { chicagoToday, createContact, createEngagement, dayFromToday } from './support/coaching-factories.js';
import { countRows, expectProblem, fingerprint } from './support/problems.js';

interface Status {
  state: string;
  message: string;
  daysOverdue: number;
  targets: { target: string; state: string; message: string }[];
}
interface Item {
  engagement: { id: string; unitId: string; version: number; status: string };
  status: Status;
}
interface Contact {
  id: string;
  notes: string | null;
  agreements: string | null;
  nextSteps: { text: string; taskId: string | null }[] | null;
  notesHidden: boolean;
  version: number;
}

describe.each(testDatabases())('coaching on $name', (target) => {
  let tree: StateTree;
  let school: Unit;
  let otherSchool: Unit;
  let leader: Agent;
  let districtViewer: Agent;
  let coachPerson: TestPerson;
  let coach: Agent;
  let principal: TestPerson;
  const api = useApi(target, async ({ db, app }) => {
    tree = await createStateTree(db);
    school = tree.north.feederPatterns[0]!.schools[0]!;
    otherSchool = tree.north.feederPatterns[0]!.schools[1]!;
    leader = await signIn(app, (await createPersonWithRole(db, tree.north.unit, 'leader')).email, PASSWORD);
    districtViewer = await signIn(app, (await createPersonWithRole(db, tree.north.unit, 'viewer')).email, PASSWORD);
    // An external coach: an account with no grants at all.
    coachPerson = await createPerson(db, { home: null, name: 'Casey Coach' });
    coach = await signIn(app, coachPerson.email, PASSWORD);
    principal = await createPerson(db, { home: school, name: 'Pat Principal', password: null });
  });

  const newEngagement = (overrides: Record<string, unknown> = {}) => ({
    unitId: school.id,
    coachPersonId: coachPerson.id,
    kind: 'coaching',
    coachAffiliation: 'external',
    target: { leaderPersonId: principal.id },
    focusAreaKeys: ['readiness-and-commitment', 'system-change-mechanisms'],
    startOn: dayFromToday(-40),
    goals: 'A working learning supports leadership team by spring.',
    ...overrides,
  });

  it('gives an external coach exactly the school of their active engagement, sorted by urgency, and takes it away when it ends', async () => {
    expect((await coach.get(`/api/units/${school.id}`)).statusCode).toBe(404);

    const created = await leader.post('/api/coaching/engagements', newEngagement());
    expect(created.statusCode, created.body).toBe(201);
    const item = created.json() as Item;
    // Started 40 days ago with no contact: both targets are overdue, and the status says why.
    expect(item.status.state).toBe('overdue');
    expect(item.status.message).toMatch(/A contact is overdue by \d+ days/);
    expect(item.status.message).toContain('None since the engagement started');

    // From the coach's next request on: the school, and nothing else.
    expect((await coach.get(`/api/units/${school.id}`)).statusCode).toBe(200);
    expect((await coach.get(`/api/units/${otherSchool.id}`)).statusCode).toBe(404);
    expect((await coach.get(`/api/units/${tree.north.unit.id}`)).statusCode).toBe(404);
    expect((await coach.get(`/api/units/${tree.south.feederPatterns[0]!.schools[0]!.id}/coaching/engagements`)).statusCode).toBe(404);

    // A second engagement, on track, sorts after the overdue one.
    const calm = await createEngagement(api.db, otherSchool, coachPerson.id, { startOn: dayFromToday(-3) });
    const caseload = (await coach.get('/api/coaching/caseload')).json() as { items: Item[] };
    expect(caseload.items.map((i) => [i.engagement.id, i.status.state])).toEqual([
      [item.engagement.id, 'overdue'],
      [calm.id, 'on_track'],
    ]);

    // The coach logs an e-coaching contact and an onsite visit: the engagement turns on track.
    const call = await coach.post(`/api/coaching/engagements/${item.engagement.id}/contacts`, { date: chicagoToday(), mode: 'video', durationMinutes: 45, topics: ['readiness-and-commitment'], notes: 'Principal worried about staff buy-in.' });
    expect(call.statusCode, call.body).toBe(201);
    expect((call.json() as { status: Status }).status.state).toBe('overdue'); // the onsite visit is still overdue
    const visit = await coach.post(`/api/coaching/engagements/${item.engagement.id}/contacts`, { date: chicagoToday(), mode: 'onsite', durationMinutes: 120 });
    expect((visit.json() as { status: Status }).status.state).toBe('on_track');
    const after = (await coach.get('/api/coaching/caseload')).json() as { items: Item[] };
    expect(after.items.find((i) => i.engagement.id === item.engagement.id)!.status.state).toBe('on_track');

    // The leader ends the engagement: the coach's access to that school ends with it.
    const ended = await leader.patch(`/api/coaching/engagements/${item.engagement.id}`, { version: item.engagement.version, status: 'ended', endedOn: chicagoToday() });
    expect(ended.statusCode, ended.body).toBe(200);
    expect((await coach.get(`/api/units/${school.id}`)).statusCode).toBe(404);
    expect((await coach.get(`/api/coaching/engagements/${item.engagement.id}`)).statusCode).toBe(404);
    expect((await coach.get(`/api/units/${otherSchool.id}`)).statusCode).toBe(200); // the other engagement goes on
    expect(((await coach.get('/api/coaching/caseload')).json() as { items: Item[] }).items.map((i) => i.engagement.id)).toEqual([calm.id]);
    const audit = await api.db.query<{ action: string }>(`select action from audit_events where entity_id = $1 order by id`, [item.engagement.id]);
    expect(audit.map((a) => a.action)).toEqual(['coaching_engagement.create', 'coaching_engagement.end']);
  });

  it('shows contact notes only to the engagement’s people and the unit’s leaders', async () => {
    const otherCoachPerson = await createPerson(db(), { home: null, name: 'Other Coach' });
    const otherCoach = await signIn(api.app, otherCoachPerson.email, PASSWORD);
    const e = await createEngagement(api.db, school, coachPerson.id, { target: { leaderPersonId: principal.id } });
    await createEngagement(api.db, school, otherCoachPerson.id);
    await createContact(api.db, e.id, { notes: 'Confidential: the principal is thinking of leaving.', createdBy: coachPerson.id });

    const as = async (agent: Agent) => {
      const res = await agent.get(`/api/coaching/engagements/${e.id}/contacts`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as Contact[])[0]!;
    };
    expect((await as(coach)).notes).toContain('Confidential');
    expect((await as(leader)).notes).toContain('Confidential');
    for (const outsider of [districtViewer, otherCoach]) {
      const c = await as(outsider);
      expect(c).toMatchObject({ notes: null, agreements: null, nextSteps: null, notesHidden: true });
    }
    // The engagement page hides them the same way.
    const page = (await districtViewer.get(`/api/coaching/engagements/${e.id}`)).json() as { contacts: Contact[] };
    expect(page.contacts[0]!.notes).toBeNull();
    // Another coach at the school may read the engagement but not log on it.
    const refused = await otherCoach.post(`/api/coaching/engagements/${e.id}/contacts`, { date: chicagoToday(), mode: 'call', durationMinutes: 10 });
    expectProblem(refused, 403);
  });

  it('turns a next step into a task of the school, owned by the leader coached', async () => {
    const e = await createEngagement(api.db, school, coachPerson.id, { target: { leaderPersonId: principal.id } });
    const res = await coach.post(`/api/coaching/engagements/${e.id}/contacts`, {
      date: chicagoToday(),
      mode: 'call',
      durationMinutes: 30,
      nextSteps: [{ text: 'Invite the counselor to the team', dueOn: dayFromToday(7) }],
    });
    const contact = (res.json() as { contact: Contact }).contact;
    const made = await coach.post(`/api/coaching/contacts/${contact.id}/next-steps/0/task`);
    expect(made.statusCode, made.body).toBe(201);
    const { taskId } = made.json() as { taskId: string };
    const [task] = await api.db.query<{ unit_id: string; title: string; owner_person_id: string; due_on: string; coaching_contact_id: string }>(
      'select unit_id, title, owner_person_id, due_on::text, coaching_contact_id from tasks where id = $1',
      [taskId],
    );
    expect(task).toEqual({ unit_id: school.id, title: 'Invite the counselor to the team', owner_person_id: principal.id, due_on: dayFromToday(7), coaching_contact_id: contact.id });
    expectProblem(await coach.post(`/api/coaching/contacts/${contact.id}/next-steps/0/task`), 409, { field: 'index' });
    expectProblem(await coach.post(`/api/coaching/contacts/${contact.id}/next-steps/3/task`), 404);
  });

  it('refuses a stale engagement edit with 409 and writes nothing', async () => {
    const e = await createEngagement(api.db, school, coachPerson.id);
    expect((await leader.patch(`/api/coaching/engagements/${e.id}`, { version: e.version, goals: 'First edit' })).statusCode).toBe(200);
    const before = await fingerprint(api.db);
    expectProblem(await leader.patch(`/api/coaching/engagements/${e.id}`, { version: e.version, goals: 'Stale edit' }), 409, { field: 'version' });
    expect(await fingerprint(api.db)).toEqual(before);
  });

  it('pauses an engagement: paused, not overdue; the coach keeps access while it is paused', async () => {
    const e = await createEngagement(api.db, otherSchool, coachPerson.id, { startOn: dayFromToday(-30) });
    const res = await leader.patch(`/api/coaching/engagements/${e.id}`, { version: e.version, status: 'paused', pauses: [{ from: dayFromToday(-1), to: null }] });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as Item).status.state).toBe('paused');
    expect((await coach.get(`/api/units/${otherSchool.id}`)).statusCode).toBe(200);
  });

  it('shows a district’s coverage by school, most urgent first', async () => {
    const res = await districtViewer.get(`/api/units/${tree.north.unit.id}/coaching/coverage`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { counts: Record<string, number>; items: Item[]; byUnit: { unitId: string }[] };
    expect(body.counts.total).toBe(body.items.length);
    expect(body.counts.total).toBeGreaterThan(0);
    const rank = ['overdue', 'due_soon', 'on_track', 'paused', 'not_applicable'];
    const ranks = body.items.map((i) => rank.indexOf(i.status.state));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect((await districtViewer.get(`/api/units/${tree.south.unit.id}/coaching/coverage`)).statusCode).toBe(404);
  });

  it('records a facilitator checklist with a no answered by why and the action taken; a second on the same day is refused', async () => {
    const body = {
      facilitatorPersonId: coachPerson.id,
      unitId: school.id,
      checkedOn: chicagoToday(),
      answers: [
        { itemKey: 'identify-administrative-lead', answer: 'yes' },
        { itemKey: 'help-form-and-prepare-team', answer: 'no', why: 'The principal has not named members yet.', actionTaken: 'Met the principal to draft a list.' },
      ],
    };
    const res = await leader.post('/api/coaching/facilitator-checks', body);
    expect(res.statusCode, res.body).toBe(201);
    const check = res.json() as { summary: { breakdowns: { itemKey: string; why: string }[]; groups: { key: string; yes: number; no: number }[] } };
    expect(check.summary.breakdowns.map((b) => b.itemKey)).toEqual(['help-form-and-prepare-team']);
    expect(check.summary.groups.find((g) => g.key === 'infrastructure-tasks')).toMatchObject({ yes: 1, no: 1 });
    expectProblem(await leader.post('/api/coaching/facilitator-checks', body), 409, { field: 'checkedOn' });
    const list = (await districtViewer.get(`/api/units/${school.id}/coaching/facilitator-checks`)).json() as unknown[];
    expect(list).toHaveLength(1);
  });

  it('computes "ready to sustain" from the hand-over plan', async () => {
    const fp = tree.north.feederPatterns[1]!.schools[0]!;
    const e = await createEngagement(api.db, fp, coachPerson.id, { startOn: dayFromToday(-200), focusAreaKeys: ['readiness-and-commitment'] });
    const a = await createPerson(api.db, { home: fp, password: null });
    const b = await createPerson(api.db, { home: fp, password: null });
    const readiness = async () => ((await districtViewer.get(`/api/units/${fp.id}/coaching/capacity`)).json() as { readiness: { ready: boolean; gaps: { code: string }[] } }).readiness;
    expect((await readiness()).gaps.map((g) => g.code)).toEqual(['no_plan', 'external_engagement_active']);
    for (const p of [a, b]) {
      const res = await leader.post(`/api/units/${fp.id}/coaching/capacity-transfers`, { internalLeaderPersonId: p.id, capacities: ['readiness-and-commitment'], plannedHandOverOn: dayFromToday(-5) });
      expect(res.statusCode, res.body).toBe(201);
    }
    expect((await readiness()).gaps.map((g) => g.code)).toEqual(['external_engagement_active']);
    const ended = await leader.patch(`/api/coaching/engagements/${e.id}`, { version: e.version, status: 'ended', endedOn: dayFromToday(-1) });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(await readiness()).toMatchObject({ ready: true, gaps: [] });
  });

  it('reports contacts per month by mode, compliance per coach and topics, with CSV', async () => {
    const unit = tree.north.feederPatterns[1]!.schools[1]!;
    const e = await createEngagement(api.db, unit, coachPerson.id, { startOn: dayFromToday(-60) });
    await createContact(api.db, e.id, { date: dayFromToday(-50), mode: 'onsite' });
    await createContact(api.db, e.id, { date: dayFromToday(-45), mode: 'email' });
    const res = await districtViewer.get(`/api/units/${unit.id}/coaching/reports`);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as { contactsByMonth: { total: number; onsite: number; email: number }[]; compliance: { key: string; name: string; measuredDays: number; compliance: number | null }[] };
    expect(report.contactsByMonth.reduce((n, r) => n + r.total, 0)).toBe(2);
    expect(report.contactsByMonth.reduce((n, r) => n + r.onsite, 0)).toBe(1);
    const coachRows = report.compliance.filter((r) => r.key === coachPerson.id);
    expect(coachRows.length).toBe(6);
    expect(coachRows[0]!.name).toBe('Casey Coach');
    expect(coachRows.reduce((n, r) => n + r.measuredDays, 0)).toBeGreaterThanOrEqual(60);
    const csv = await districtViewer.get(`/api/units/${unit.id}/coaching/reports/export?report=contacts`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.replace('\ufeff', '').split('\n')[0]).toBe('Month,Email,Call,Video,Onsite visit,Total');
    expectProblem(await districtViewer.get(`/api/units/${unit.id}/coaching/reports?from=2026-12&to=2026-01`), 400, { field: 'from' });
  });

  it('keeps a unit’s days in its own time zone (settings inherited from above)', async () => {
    const settings = await leader.put(`/api/units/${tree.north.unit.id}/coaching/settings`, { version: 0, timeZone: 'Pacific/Honolulu' });
    expect(settings.statusCode, settings.body).toBe(200);
    const child = (await districtViewer.get(`/api/units/${school.id}/coaching/settings`)).json() as { timeZone: string; inheritedFrom: string };
    expect(child).toMatchObject({ timeZone: 'Pacific/Honolulu', inheritedFrom: tree.north.unit.id });
    expectProblem(await leader.put(`/api/units/${tree.north.unit.id}/coaching/settings`, { version: 1, timeZone: 'Mars/Olympus' }), 400, { field: 'timeZone' });
    expectProblem(await leader.put(`/api/units/${tree.north.unit.id}/coaching/settings`, { version: 0, timeZone: 'America/Chicago' }), 409, { field: 'version' });
    expect((await leader.put(`/api/units/${tree.north.unit.id}/coaching/settings`, { version: 1, timeZone: 'America/Chicago' })).statusCode).toBe(200);
  });

  it('refuses a contact in the future or before the start, naming the field', async () => {
    const e = await createEngagement(api.db, school, coachPerson.id, { startOn: dayFromToday(-5) });
    const n = await countRows(api.db, 'coaching_contacts');
    expectProblem(await coach.post(`/api/coaching/engagements/${e.id}/contacts`, { date: dayFromToday(3), mode: 'call', durationMinutes: 10 }), 400, { field: 'date', rule: 'future' });
    expectProblem(await coach.post(`/api/coaching/engagements/${e.id}/contacts`, { date: dayFromToday(-9), mode: 'call', durationMinutes: 10 }), 400, { field: 'date', rule: 'started' });
    expect(await countRows(api.db, 'coaching_contacts')).toBe(n);
  });

  it('judges “today” on the unit’s own calendar: the same day is allowed far east and in the future far west', async () => {
    // UTC+14 and UTC−12 are 26 hours apart: their calendar days always differ.
    const east = tree.south.feederPatterns[0]!.schools[0]!;
    const west = tree.south.feederPatterns[0]!.schools[1]!;
    const system = await signIn(api.app, (await createPerson(api.db, { home: null, systemAdmin: true })).email, PASSWORD);
    expect((await system.put(`/api/units/${east.id}/coaching/settings`, { version: 0, timeZone: 'Etc/GMT-14' })).statusCode).toBe(200);
    expect((await system.put(`/api/units/${west.id}/coaching/settings`, { version: 0, timeZone: 'Etc/GMT+12' })).statusCode).toBe(200);
    const eastToday = localDay(new Date(), 'Etc/GMT-14');
    const eastEngagement = await createEngagement(api.db, east, coachPerson.id, { startOn: addDays(eastToday, -10) });
    const westEngagement = await createEngagement(api.db, west, coachPerson.id, { startOn: addDays(eastToday, -10) });
    const contact = { date: eastToday, mode: 'call', durationMinutes: 15 };
    expect((await coach.post(`/api/coaching/engagements/${eastEngagement.id}/contacts`, contact)).statusCode).toBe(201);
    expectProblem(await coach.post(`/api/coaching/engagements/${westEngagement.id}/contacts`, contact), 400, { field: 'date', rule: 'must not be in the future' });
    // Each engagement's status is judged on its own unit's today.
    const caseload = (await coach.get('/api/coaching/caseload')).json() as { items: (Item & { timeZone: string; status: { on: string } })[] };
    const byId = new Map(caseload.items.map((i) => [i.engagement.id, i]));
    expect(byId.get(eastEngagement.id)!.status.on).toBe(eastToday);
    expect(byId.get(westEngagement.id)!.status.on).toBe(localDay(new Date(), 'Etc/GMT+12'));
  });

  it('moves the access with the engagement: a new coach gains the school, the old one loses it; a removed engagement gives none', async () => {
    const unit = tree.north.feederPatterns[1]!.unit;
    const first = await createPerson(api.db, { home: null });
    const second = await createPerson(api.db, { home: null });
    const [a, b] = [await signIn(api.app, first.email, PASSWORD), await signIn(api.app, second.email, PASSWORD)];
    const e = await createEngagement(api.db, unit, first.id);
    expect((await a.get(`/api/units/${unit.id}`)).statusCode).toBe(200);
    expect((await b.get(`/api/units/${unit.id}`)).statusCode).toBe(404);
    const moved = await leader.patch(`/api/coaching/engagements/${e.id}`, { version: e.version, coachPersonId: second.id });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await a.get(`/api/units/${unit.id}`)).statusCode).toBe(404);
    expect((await b.get(`/api/units/${unit.id}`)).statusCode).toBe(200);
    expect((await leader.delete(`/api/coaching/engagements/${e.id}`)).statusCode).toBe(204);
    expect((await b.get(`/api/units/${unit.id}`)).statusCode).toBe(404);
  });

  function db() {
    return api.db;
  }
});
