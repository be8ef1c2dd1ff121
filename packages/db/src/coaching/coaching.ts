// Coaching and mentoring: engagements, contacts, facilitator checks, capacity transfers and each
// unit's coaching settings (time zone, "ready to sustain" criteria).
import { randomUUID } from 'node:crypto';
import type {
  CoachingAffiliation,
  CoachingCadenceTargets,
  CoachingContactMode,
  CoachingEngagementKind,
  CoachingEngagementStatus,
  CoachingOnsiteTarget,
  CoachingSustainCriteria,
  GrantScope,
} from '@trellis/core';
import type { Queryable } from '../client.js';
import { iso, withinSubtrees } from '../rows.js';

// ---- Scoped coach access ---------------------------------------------------------------------------

/**
 * The scopes a coach holds through their engagements: member at the unit of each engagement that
 * has not ended. Read on every request with the grants (grantScopesOf), so ending an engagement
 * takes the access away at the coach's next request (docs/decisions/0016).
 */
export async function coachingScopesOf(q: Queryable, personId: string): Promise<GrantScope[]> {
  return q.query<GrantScope>(
    `select distinct u.path as "unitPath", 'member' as role from coaching_engagements e join units u on u.id = e.unit_id
     where e.coach_person_id = $1 and e.status <> 'ended' and u.archived_at is null`,
    [personId],
  );
}

// ---- Engagements -------------------------------------------------------------------------------------

export interface CoachingEngagementRecord {
  id: string;
  unitId: string;
  unitName: string;
  unitPath: string;
  coachPersonId: string;
  coachName: string;
  coachEmail: string;
  kind: CoachingEngagementKind;
  coachAffiliation: CoachingAffiliation;
  target: { leaderPersonId: string | null; mechanismId: string | null; unitId: string | null };
  /** The leader's, mechanism's or unit's name. */
  targetName: string;
  focusAreaKeys: string[];
  startOn: string;
  plannedEndOn: string | null;
  goals: string | null;
  status: CoachingEngagementStatus;
  pauses: { from: string; to: string | null }[];
  endedOn: string | null;
  cadence: CoachingCadenceTargets;
  version: number;
  createdAt: string;
  updatedAt: string;
}

interface EngagementRow {
  id: string;
  unit_id: string;
  unit_name: string;
  unit_path: string;
  coach_person_id: string;
  coach_name: string;
  coach_email: string;
  kind: CoachingEngagementKind;
  coach_affiliation: CoachingAffiliation;
  target_leader_person_id: string | null;
  target_mechanism_id: string | null;
  target_unit_id: string | null;
  target_name: string | null;
  focus_area_keys: string[];
  start_on: string;
  planned_end_on: string | null;
  goals: string | null;
  status: CoachingEngagementStatus;
  pauses: { from: string; to: string | null }[];
  ended_on: string | null;
  contact_every_days: number | null;
  onsite_target: CoachingOnsiteTarget | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const ENGAGEMENT_SELECT = `select e.id, e.unit_id, u.name as unit_name, u.path as unit_path, e.coach_person_id, c.name as coach_name, c.email as coach_email,
  e.kind, e.coach_affiliation, e.target_leader_person_id, e.target_mechanism_id, e.target_unit_id,
  coalesce(tp.name, tm.name, tu.name) as target_name, e.focus_area_keys, e.start_on::text as start_on, e.planned_end_on::text as planned_end_on,
  e.goals, e.status, e.pauses, e.ended_on::text as ended_on, e.contact_every_days, e.onsite_target, e.version, e.created_at, e.updated_at
  from coaching_engagements e join units u on u.id = e.unit_id join people c on c.id = e.coach_person_id
  left join people tp on tp.id = e.target_leader_person_id left join mechanisms tm on tm.id = e.target_mechanism_id left join units tu on tu.id = e.target_unit_id`;

const toEngagement = (r: EngagementRow): CoachingEngagementRecord => ({
  id: r.id,
  unitId: r.unit_id,
  unitName: r.unit_name,
  unitPath: r.unit_path,
  coachPersonId: r.coach_person_id,
  coachName: r.coach_name,
  coachEmail: r.coach_email,
  kind: r.kind,
  coachAffiliation: r.coach_affiliation,
  target: { leaderPersonId: r.target_leader_person_id, mechanismId: r.target_mechanism_id, unitId: r.target_unit_id },
  targetName: r.target_name ?? '',
  focusAreaKeys: r.focus_area_keys,
  startOn: r.start_on,
  plannedEndOn: r.planned_end_on,
  goals: r.goals,
  status: r.status,
  pauses: r.pauses,
  endedOn: r.ended_on,
  cadence: { contactEveryDays: r.contact_every_days, onsite: r.onsite_target },
  version: r.version,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export async function findCoachingEngagement(q: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<CoachingEngagementRecord | null> {
  if (opts.lock) await q.query('select 1 from coaching_engagements where id = $1 for update', [id]);
  const rows = await q.query<EngagementRow>(`${ENGAGEMENT_SELECT} where e.id = $1`, [id]);
  return rows[0] ? toEngagement(rows[0]) : null;
}

const ENGAGEMENT_ORDER = 'order by e.start_on, e.id';

/** The engagements of a coach; `roots` (null: everywhere) limits them to units the caller may read. */
export async function listCoachEngagements(q: Queryable, coachPersonId: string, opts: { includeEnded?: boolean } = {}): Promise<CoachingEngagementRecord[]> {
  const rows = await q.query<EngagementRow>(`${ENGAGEMENT_SELECT} where e.coach_person_id = $1 ${opts.includeEnded ? '' : `and e.status <> 'ended'`} ${ENGAGEMENT_ORDER}`, [coachPersonId]);
  return rows.map(toEngagement);
}

/** The engagements of a unit, or of it and every unit below it. */
export async function listUnitEngagements(q: Queryable, unitPath: string, opts: { subtree: boolean; includeEnded?: boolean }): Promise<CoachingEngagementRecord[]> {
  const params: unknown[] = [];
  const where = opts.subtree ? withinSubtrees('u.path', [unitPath], params) : (params.push(unitPath), `u.path = $1`);
  const rows = await q.query<EngagementRow>(`${ENGAGEMENT_SELECT} where ${where} ${opts.includeEnded === false ? `and e.status <> 'ended'` : ''} ${ENGAGEMENT_ORDER}`, params);
  return rows.map(toEngagement);
}

/** Coaches who have at least one engagement that has not ended (the daily digest's recipients). */
export async function listActiveCoachIds(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ id: string }>(`select distinct coach_person_id as id from coaching_engagements where status <> 'ended' order by 1`);
  return rows.map((r) => r.id);
}

/**
 * Queues one digest job per coach with an engagement that has not ended, for `day` (UTC): key
 * `coaching.digest:<coach>:<day>`, so queuing again (any process, any minute) adds nothing.
 * Returns how many were added.
 */
export async function enqueueCoachingDigests(q: Queryable, day: string, runAt: Date): Promise<number> {
  const rows = await q.query(
    `insert into jobs (id, kind, key, payload, run_at)
     select gen_random_uuid(), 'coaching.digest', 'coaching.digest:' || c.id || ':' || $1, jsonb_build_object('coachPersonId', c.id, 'day', $1::text), $2
     from (select distinct coach_person_id as id from coaching_engagements where status <> 'ended') c
     on conflict (key) do nothing returning id`,
    [day, runAt],
  );
  return rows.length;
}

export interface CoachingEngagementFields {
  unitId: string;
  coachPersonId: string;
  kind: CoachingEngagementKind;
  coachAffiliation: CoachingAffiliation;
  target: { leaderPersonId?: string | null | undefined; mechanismId?: string | null | undefined; unitId?: string | null | undefined };
  focusAreaKeys: readonly string[];
  startOn: string;
  plannedEndOn: string | null;
  goals: string | null;
  status: CoachingEngagementStatus;
  pauses: readonly { from: string; to: string | null }[];
  endedOn: string | null;
  cadence: CoachingCadenceTargets;
}

const engagementParams = (e: CoachingEngagementFields) => [
  e.unitId,
  e.coachPersonId,
  e.kind,
  e.coachAffiliation,
  e.target.leaderPersonId ?? null,
  e.target.mechanismId ?? null,
  e.target.unitId ?? null,
  [...e.focusAreaKeys],
  e.startOn,
  e.plannedEndOn,
  e.goals,
  e.status,
  JSON.stringify(e.pauses),
  e.endedOn,
  e.cadence.contactEveryDays,
  e.cadence.onsite === null ? null : JSON.stringify(e.cadence.onsite),
];

export async function insertCoachingEngagement(q: Queryable, e: CoachingEngagementFields, createdBy: string | null): Promise<CoachingEngagementRecord> {
  const id = randomUUID();
  await q.query(
    `insert into coaching_engagements (id, unit_id, coach_person_id, kind, coach_affiliation, target_leader_person_id, target_mechanism_id, target_unit_id,
       focus_area_keys, start_on, planned_end_on, goals, status, pauses, ended_on, contact_every_days, onsite_target, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15, $16, $17::jsonb, $18)`,
    [id, ...engagementParams(e), createdBy],
  );
  return (await findCoachingEngagement(q, id))!;
}

/** Writes the whole engagement if it is still at `version`; null when it is not (a stale write). */
export async function updateCoachingEngagement(q: Queryable, id: string, version: number, e: CoachingEngagementFields): Promise<CoachingEngagementRecord | null> {
  const rows = await q.query(
    `update coaching_engagements set unit_id = $3, coach_person_id = $4, kind = $5, coach_affiliation = $6, target_leader_person_id = $7, target_mechanism_id = $8,
       target_unit_id = $9, focus_area_keys = $10, start_on = $11, planned_end_on = $12, goals = $13, status = $14, pauses = $15::jsonb, ended_on = $16,
       contact_every_days = $17, onsite_target = $18::jsonb, version = version + 1, updated_at = now()
     where id = $1 and version = $2 returning id`,
    [id, version, ...engagementParams(e)],
  );
  return rows.length ? findCoachingEngagement(q, id) : null;
}

export async function deleteCoachingEngagement(q: Queryable, id: string): Promise<void> {
  await q.query('update tasks set coaching_contact_id = null where coaching_contact_id in (select id from coaching_contacts where engagement_id = $1)', [id]);
  await q.query('delete from coaching_engagements where id = $1', [id]);
}

// ---- Contacts ----------------------------------------------------------------------------------------

export interface CoachingNextStepRecord {
  text: string;
  dueOn: string | null;
  taskId: string | null;
}

export interface CoachingContactRecord {
  id: string;
  engagementId: string;
  date: string;
  mode: CoachingContactMode;
  durationMinutes: number;
  participantIds: string[];
  topics: string[];
  notes: string | null;
  agreements: string | null;
  nextSteps: CoachingNextStepRecord[];
  createdBy: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

interface ContactRow {
  id: string;
  engagement_id: string;
  contact_on: string;
  mode: CoachingContactMode;
  duration_minutes: number;
  participant_ids: string[];
  topics: string[];
  notes: string | null;
  agreements: string | null;
  next_steps: CoachingNextStepRecord[];
  created_by: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const CONTACT_SELECT = `select c.id, c.engagement_id, c.contact_on::text as contact_on, c.mode, c.duration_minutes, c.participant_ids::text[] as participant_ids, c.topics,
  c.notes, c.agreements, c.next_steps, c.created_by, c.version, c.created_at, c.updated_at from coaching_contacts c`;

const toContact = (r: ContactRow): CoachingContactRecord => ({
  id: r.id,
  engagementId: r.engagement_id,
  date: r.contact_on,
  mode: r.mode,
  durationMinutes: r.duration_minutes,
  participantIds: r.participant_ids,
  topics: r.topics,
  notes: r.notes,
  agreements: r.agreements,
  nextSteps: r.next_steps,
  createdBy: r.created_by,
  version: r.version,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export async function findCoachingContact(q: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<CoachingContactRecord | null> {
  if (opts.lock) await q.query('select 1 from coaching_contacts where id = $1 for update', [id]);
  const rows = await q.query<ContactRow>(`${CONTACT_SELECT} where c.id = $1`, [id]);
  return rows[0] ? toContact(rows[0]) : null;
}

/** Contacts of these engagements, latest first. */
export async function listCoachingContacts(q: Queryable, engagementIds: readonly string[], range: { from?: string; to?: string } = {}): Promise<CoachingContactRecord[]> {
  if (engagementIds.length === 0) return [];
  const params: unknown[] = [[...engagementIds]];
  let where = 'c.engagement_id = any($1::uuid[])';
  if (range.from) {
    params.push(range.from);
    where += ` and c.contact_on >= $${params.length}`;
  }
  if (range.to) {
    params.push(range.to);
    where += ` and c.contact_on <= $${params.length}`;
  }
  const rows = await q.query<ContactRow>(`${CONTACT_SELECT} where ${where} order by c.contact_on desc, c.created_at desc, c.id`, params);
  return rows.map(toContact);
}

export interface CoachingContactFields {
  date: string;
  mode: CoachingContactMode;
  durationMinutes: number;
  participantIds: readonly string[];
  topics: readonly string[];
  notes: string | null;
  agreements: string | null;
  nextSteps: readonly CoachingNextStepRecord[];
}

const contactParams = (c: CoachingContactFields) => [c.date, c.mode, c.durationMinutes, [...c.participantIds], [...c.topics], c.notes, c.agreements, JSON.stringify(c.nextSteps)];

export async function insertCoachingContact(q: Queryable, engagementId: string, c: CoachingContactFields, createdBy: string | null): Promise<CoachingContactRecord> {
  const id = randomUUID();
  await q.query(
    `insert into coaching_contacts (id, engagement_id, contact_on, mode, duration_minutes, participant_ids, topics, notes, agreements, next_steps, created_by)
     values ($1, $2, $3, $4, $5, $6::uuid[], $7, $8, $9, $10::jsonb, $11)`,
    [id, engagementId, ...contactParams(c), createdBy],
  );
  return (await findCoachingContact(q, id))!;
}

export async function updateCoachingContact(q: Queryable, id: string, version: number, c: CoachingContactFields): Promise<CoachingContactRecord | null> {
  const rows = await q.query(
    `update coaching_contacts set contact_on = $3, mode = $4, duration_minutes = $5, participant_ids = $6::uuid[], topics = $7, notes = $8, agreements = $9,
       next_steps = $10::jsonb, version = version + 1, updated_at = now() where id = $1 and version = $2 returning id`,
    [id, version, ...contactParams(c)],
  );
  return rows.length ? findCoachingContact(q, id) : null;
}

/** Sets the next steps without a new version (a step becoming a task is not an edit of the contact). */
export async function setCoachingContactNextSteps(q: Queryable, id: string, nextSteps: readonly CoachingNextStepRecord[]): Promise<void> {
  await q.query('update coaching_contacts set next_steps = $2::jsonb, updated_at = now() where id = $1', [id, JSON.stringify(nextSteps)]);
}

export async function deleteCoachingContact(q: Queryable, id: string): Promise<void> {
  await q.query('update tasks set coaching_contact_id = null where coaching_contact_id = $1', [id]);
  await q.query('delete from coaching_contacts where id = $1', [id]);
}

export async function linkTaskToCoachingContact(q: Queryable, taskId: string, contactId: string): Promise<void> {
  await q.query('update tasks set coaching_contact_id = $2 where id = $1', [taskId, contactId]);
}

// ---- Facilitator checks --------------------------------------------------------------------------------

export interface CoachingFacilitatorAnswerRecord {
  itemKey: string;
  answer: 'yes' | 'no';
  why?: string;
  actionTaken?: string;
  note?: string | null;
}

export interface CoachingFacilitatorCheckRecord {
  id: string;
  unitId: string;
  unitPath: string;
  facilitatorPersonId: string;
  facilitatorName: string;
  checkedOn: string;
  catalogVersion: string;
  answers: CoachingFacilitatorAnswerRecord[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

interface CheckRow {
  id: string;
  unit_id: string;
  unit_path: string;
  facilitator_person_id: string;
  facilitator_name: string;
  checked_on: string;
  catalog_version: string;
  answers: CoachingFacilitatorAnswerRecord[];
  version: number;
  created_at: Date;
  updated_at: Date;
}

const CHECK_SELECT = `select f.id, f.unit_id, u.path as unit_path, f.facilitator_person_id, p.name as facilitator_name, f.checked_on::text as checked_on,
  f.catalog_version, f.answers, f.version, f.created_at, f.updated_at
  from coaching_facilitator_checks f join units u on u.id = f.unit_id join people p on p.id = f.facilitator_person_id`;

const toCheck = (r: CheckRow): CoachingFacilitatorCheckRecord => ({
  id: r.id,
  unitId: r.unit_id,
  unitPath: r.unit_path,
  facilitatorPersonId: r.facilitator_person_id,
  facilitatorName: r.facilitator_name,
  checkedOn: r.checked_on,
  catalogVersion: r.catalog_version,
  answers: r.answers,
  version: r.version,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export async function findCoachingFacilitatorCheck(q: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<CoachingFacilitatorCheckRecord | null> {
  if (opts.lock) await q.query('select 1 from coaching_facilitator_checks where id = $1 for update', [id]);
  const rows = await q.query<CheckRow>(`${CHECK_SELECT} where f.id = $1`, [id]);
  return rows[0] ? toCheck(rows[0]) : null;
}

export async function listCoachingFacilitatorChecks(q: Queryable, unitId: string): Promise<CoachingFacilitatorCheckRecord[]> {
  return (await q.query<CheckRow>(`${CHECK_SELECT} where f.unit_id = $1 order by f.checked_on desc, f.created_at desc`, [unitId])).map(toCheck);
}

export async function insertCoachingFacilitatorCheck(
  q: Queryable,
  c: { unitId: string; facilitatorPersonId: string; checkedOn: string; catalogVersion: string; answers: readonly CoachingFacilitatorAnswerRecord[] },
  createdBy: string | null,
): Promise<CoachingFacilitatorCheckRecord> {
  const id = randomUUID();
  await q.query(
    `insert into coaching_facilitator_checks (id, unit_id, facilitator_person_id, checked_on, catalog_version, answers, created_by) values ($1, $2, $3, $4, $5, $6::jsonb, $7)`,
    [id, c.unitId, c.facilitatorPersonId, c.checkedOn, c.catalogVersion, JSON.stringify(c.answers), createdBy],
  );
  return (await findCoachingFacilitatorCheck(q, id))!;
}

export async function updateCoachingFacilitatorCheck(q: Queryable, id: string, version: number, answers: readonly CoachingFacilitatorAnswerRecord[], catalogVersion: string): Promise<CoachingFacilitatorCheckRecord | null> {
  const rows = await q.query(
    `update coaching_facilitator_checks set answers = $3::jsonb, catalog_version = $4, version = version + 1, updated_at = now() where id = $1 and version = $2 returning id`,
    [id, version, JSON.stringify(answers), catalogVersion],
  );
  return rows.length ? findCoachingFacilitatorCheck(q, id) : null;
}

// ---- Capacity transfers ----------------------------------------------------------------------------------

export interface CoachingCapacityTransferRecord {
  id: string;
  unitId: string;
  unitPath: string;
  internalLeaderPersonId: string;
  internalLeaderName: string;
  capacities: string[];
  plannedHandOverOn: string;
  note: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

interface TransferRow {
  id: string;
  unit_id: string;
  unit_path: string;
  internal_leader_person_id: string;
  internal_leader_name: string;
  capacities: string[];
  planned_hand_over_on: string;
  note: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const TRANSFER_SELECT = `select t.id, t.unit_id, u.path as unit_path, t.internal_leader_person_id, p.name as internal_leader_name, t.capacities,
  t.planned_hand_over_on::text as planned_hand_over_on, t.note, t.version, t.created_at, t.updated_at
  from coaching_capacity_transfers t join units u on u.id = t.unit_id join people p on p.id = t.internal_leader_person_id`;

const toTransfer = (r: TransferRow): CoachingCapacityTransferRecord => ({
  id: r.id,
  unitId: r.unit_id,
  unitPath: r.unit_path,
  internalLeaderPersonId: r.internal_leader_person_id,
  internalLeaderName: r.internal_leader_name,
  capacities: r.capacities,
  plannedHandOverOn: r.planned_hand_over_on,
  note: r.note,
  version: r.version,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export async function findCoachingCapacityTransfer(q: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<CoachingCapacityTransferRecord | null> {
  if (opts.lock) await q.query('select 1 from coaching_capacity_transfers where id = $1 for update', [id]);
  const rows = await q.query<TransferRow>(`${TRANSFER_SELECT} where t.id = $1`, [id]);
  return rows[0] ? toTransfer(rows[0]) : null;
}

export async function listCoachingCapacityTransfers(q: Queryable, unitId: string): Promise<CoachingCapacityTransferRecord[]> {
  return (await q.query<TransferRow>(`${TRANSFER_SELECT} where t.unit_id = $1 order by t.planned_hand_over_on, lower(p.name)`, [unitId])).map(toTransfer);
}

export async function insertCoachingCapacityTransfer(
  q: Queryable,
  t: { unitId: string; internalLeaderPersonId: string; capacities: readonly string[]; plannedHandOverOn: string; note: string | null },
): Promise<CoachingCapacityTransferRecord> {
  const id = randomUUID();
  await q.query(
    `insert into coaching_capacity_transfers (id, unit_id, internal_leader_person_id, capacities, planned_hand_over_on, note) values ($1, $2, $3, $4, $5, $6)`,
    [id, t.unitId, t.internalLeaderPersonId, [...t.capacities], t.plannedHandOverOn, t.note],
  );
  return (await findCoachingCapacityTransfer(q, id))!;
}

export async function updateCoachingCapacityTransfer(
  q: Queryable,
  id: string,
  version: number,
  t: { capacities: readonly string[]; plannedHandOverOn: string; note: string | null },
): Promise<CoachingCapacityTransferRecord | null> {
  const rows = await q.query(
    `update coaching_capacity_transfers set capacities = $3, planned_hand_over_on = $4, note = $5, version = version + 1, updated_at = now()
     where id = $1 and version = $2 returning id`,
    [id, version, [...t.capacities], t.plannedHandOverOn, t.note],
  );
  return rows.length ? findCoachingCapacityTransfer(q, id) : null;
}

export async function deleteCoachingCapacityTransfer(q: Queryable, id: string): Promise<void> {
  await q.query('delete from coaching_capacity_transfers where id = $1', [id]);
}

// ---- Unit settings -----------------------------------------------------------------------------------------

export interface CoachingUnitSettingsRecord {
  /** The unit the settings were read for. */
  unitId: string;
  /** The unit whose row they come from (this one or one above it); null for the defaults. */
  fromUnitId: string | null;
  timeZone: string | null;
  sustain: CoachingSustainCriteria | null;
  /** Version of this unit's own row (0 when it has none). */
  version: number;
}

/** The settings that hold at a unit: its own row, else the nearest unit above it that has one. */
export async function coachingSettingsAt(q: Queryable, unitId: string, unitPath: string): Promise<CoachingUnitSettingsRecord> {
  const ids = unitPath.split('/').filter(Boolean);
  const rows = await q.query<{ unit_id: string; time_zone: string; sustain: CoachingSustainCriteria | null; version: number }>(
    `select unit_id, time_zone, sustain, version from coaching_unit_settings where unit_id = any($1::uuid[])`,
    [ids],
  );
  const byId = new Map(rows.map((r) => [r.unit_id, r]));
  const own = byId.get(unitId);
  for (const id of [...ids].reverse()) {
    const r = byId.get(id);
    if (r) return { unitId, fromUnitId: r.unit_id, timeZone: r.time_zone, sustain: r.sustain, version: own?.version ?? 0 };
  }
  return { unitId, fromUnitId: null, timeZone: null, sustain: null, version: 0 };
}

/** Every settings row on the paths of these units (for judging many units' local days at once). */
export async function coachingTimeZonesFor(q: Queryable, unitPaths: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(unitPaths.flatMap((p) => p.split('/').filter(Boolean)))];
  if (ids.length === 0) return new Map();
  const rows = await q.query<{ unit_id: string; time_zone: string }>(`select unit_id, time_zone from coaching_unit_settings where unit_id = any($1::uuid[])`, [ids]);
  return new Map(rows.map((r) => [r.unit_id, r.time_zone]));
}

/** Creates or replaces a unit's own settings row if it is still at `version` (0: it has none yet); null when stale. */
export async function saveCoachingSettings(q: Queryable, unitId: string, version: number, s: { timeZone: string; sustain: CoachingSustainCriteria | null }): Promise<boolean> {
  if (version === 0) {
    const rows = await q.query(
      `insert into coaching_unit_settings (unit_id, time_zone, sustain) values ($1, $2, $3::jsonb) on conflict (unit_id) do nothing returning unit_id`,
      [unitId, s.timeZone, s.sustain === null ? null : JSON.stringify(s.sustain)],
    );
    return rows.length > 0;
  }
  const rows = await q.query(
    `update coaching_unit_settings set time_zone = $3, sustain = $4::jsonb, version = version + 1, updated_at = now() where unit_id = $1 and version = $2 returning unit_id`,
    [unitId, version, s.timeZone, s.sustain === null ? null : JSON.stringify(s.sustain)],
  );
  return rows.length > 0;
}
