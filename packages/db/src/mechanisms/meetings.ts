// A mechanism's meetings and who attended. Action items are tasks (../tasks/tasks.ts).
import { randomUUID } from 'node:crypto';
import type { MeetingKind } from '@trellis/core';
import type { Queryable } from '../client.js';
import { iso } from '../rows.js';

export interface MeetingRecord {
  id: string;
  mechanismId: string;
  heldOn: string;
  kind: MeetingKind;
  attendees: { personId: string; name: string; title: string | null }[];
  agenda: string | null;
  minutes: string | null;
  decisions: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

interface MeetingRow {
  id: string;
  mechanism_id: string;
  held_on: string;
  kind: MeetingKind;
  attendees: { personId: string; name: string; title: string | null }[] | null;
  agenda: string | null;
  minutes: string | null;
  decisions: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `select mt.id, mt.mechanism_id, mt.held_on::text as held_on, mt.kind, mt.agenda, mt.minutes, mt.decisions, mt.version, mt.created_at, mt.updated_at,
  (select json_agg(json_build_object('personId', p.id, 'name', p.name, 'title', p.title) order by lower(p.name), p.id)
     from mechanism_meeting_attendees a join people p on p.id = a.person_id where a.meeting_id = mt.id) as attendees
  from mechanism_meetings mt`;

const toMeeting = (r: MeetingRow): MeetingRecord => ({
  id: r.id,
  mechanismId: r.mechanism_id,
  heldOn: r.held_on,
  kind: r.kind,
  attendees: r.attendees ?? [],
  agenda: r.agenda,
  minutes: r.minutes,
  decisions: r.decisions,
  version: r.version,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

/** Latest first. */
export async function listMeetings(q: Queryable, mechanismId: string, limit = 200): Promise<MeetingRecord[]> {
  const rows = await q.query<MeetingRow>(`${SELECT} where mt.mechanism_id = $1 order by mt.held_on desc, mt.created_at desc, mt.id limit $2`, [mechanismId, limit]);
  return rows.map(toMeeting);
}

export async function findMeeting(q: Queryable, mechanismId: string, id: string): Promise<MeetingRecord | null> {
  const rows = await q.query<MeetingRow>(`${SELECT} where mt.mechanism_id = $1 and mt.id = $2`, [mechanismId, id]);
  return rows[0] ? toMeeting(rows[0]) : null;
}

export interface MeetingFields {
  heldOn?: string | undefined;
  kind?: MeetingKind | undefined;
  agenda?: string | null | undefined;
  minutes?: string | null | undefined;
  decisions?: string | null | undefined;
}

async function setAttendees(q: Queryable, meetingId: string, personIds: readonly string[]): Promise<void> {
  await q.query('delete from mechanism_meeting_attendees where meeting_id = $1', [meetingId]);
  if (personIds.length) {
    await q.query('insert into mechanism_meeting_attendees (meeting_id, person_id) select $1, unnest($2::uuid[])', [meetingId, personIds]);
  }
}

export async function insertMeeting(
  q: Queryable,
  m: Required<Pick<MeetingFields, 'heldOn' | 'kind'>> & MeetingFields & { mechanismId: string; attendeeIds?: readonly string[] | undefined },
  id: string = randomUUID(),
): Promise<MeetingRecord> {
  await q.query(`insert into mechanism_meetings (id, mechanism_id, held_on, kind, agenda, minutes, decisions) values ($1, $2, $3, $4, $5, $6, $7)`, [
    id,
    m.mechanismId,
    m.heldOn,
    m.kind,
    m.agenda ?? null,
    m.minutes ?? null,
    m.decisions ?? null,
  ]);
  await setAttendees(q, id, m.attendeeIds ?? []);
  return (await findMeeting(q, m.mechanismId, id))!;
}

const CHANGE_COLUMNS: Record<keyof MeetingFields, string> = { heldOn: 'held_on', kind: 'kind', agenda: 'agenda', minutes: 'minutes', decisions: 'decisions' };

/** Applies changes (and replaces the attendees when given) if the row is still at `version`; null when stale. */
export async function updateMeeting(
  q: Queryable,
  mechanismId: string,
  id: string,
  version: number,
  changes: MeetingFields & { attendeeIds?: readonly string[] | undefined },
): Promise<MeetingRecord | null> {
  const sets = ['version = version + 1', 'updated_at = now()'];
  const params: unknown[] = [id, version];
  for (const [key, column] of Object.entries(CHANGE_COLUMNS)) {
    const value = changes[key as keyof MeetingFields];
    if (value !== undefined) {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    }
  }
  const rows = await q.query(`update mechanism_meetings set ${sets.join(', ')} where id = $1 and version = $2 returning id`, params);
  if (!rows.length) return null;
  if (changes.attendeeIds !== undefined) await setAttendees(q, id, changes.attendeeIds);
  return findMeeting(q, mechanismId, id);
}

export async function deleteMeeting(q: Queryable, id: string): Promise<void> {
  await q.query('delete from mechanism_meetings where id = $1', [id]);
}

/** Of the given people, those that do not exist. */
export async function missingPeople(q: Queryable, personIds: readonly string[]): Promise<string[]> {
  if (personIds.length === 0) return [];
  const rows = await q.query<{ id: string }>('select id from people where id = any($1::uuid[])', [personIds]);
  const found = new Set(rows.map((r) => r.id));
  return personIds.filter((id) => !found.has(id));
}
