// The product's lists as tables to download. Each goes through the list's own service, so it has
// the same access check and the same filters as the list on screen — only without paging.
import { conflict, decide, MECHANISM_STATUS_LABELS, OPERATIONAL_STATUS_LABELS, SCHOOL_LEVEL_LABELS, SCHOOL_TYPE_LABELS, UNIT_KIND_LABELS, type AuditQuery, type Unit, type UnitDirectory } from '@trellis/core';
import { findUnit, findUnitDirectories, findUnitsByIds } from '@trellis/db';
import type { ServiceContext } from '../../context.js';
import { auditTrail } from '../audit.js';
import { getUnitMechanisms } from '../mechanisms/mechanisms.js';
import { findPeople } from '../organizations/people.js';
import { getSubtree } from '../organizations/units.js';
import { scheduleTable } from '../rollout/exports.js';
import { getScenario } from '../rollout/scenarios.js';
import { EXPORT_LIMIT, fileSlug, type Cell, type ExportTable } from './tables.js';

/** "Lincoln County › North District", the names from the export's top unit down to a unit's parent. */
function placeNames(units: Unit[]): Map<string, string> {
  const byId = new Map(units.map((u) => [u.id, u]));
  const place = new Map<string, string>();
  for (const u of units) {
    const parent = u.parentId ? byId.get(u.parentId) : undefined;
    place.set(u.id, parent ? [place.get(parent.id), parent.name].filter(Boolean).join(' › ') : '');
  }
  return place;
}

/** Address, city, ZIP, coordinates, level, type, charter and NCES status, as a directory import recorded them. */
function directoryCells(d: UnitDirectory | undefined): Cell[] {
  if (!d) return [null, null, null, null, null, null, null, null, null];
  return [
    d.address,
    d.city,
    d.zip,
    d.latitude,
    d.longitude,
    d.level ? SCHOOL_LEVEL_LABELS[d.level] : null,
    d.schoolType === null ? null : (SCHOOL_TYPE_LABELS[d.schoolType] ?? String(d.schoolType)),
    d.charter === null ? null : d.charter ? 'yes' : 'no',
    d.operationalStatus ? OPERATIONAL_STATUS_LABELS[d.operationalStatus] : null,
  ];
}

/** A unit and the units under it (to a depth, with or without archived ones), parents before children. */
export async function exportSubtree(ctx: ServiceContext, unitId: string, opts: { depth?: number | undefined; includeArchived: boolean }): Promise<ExportTable> {
  const units = await getSubtree(ctx, unitId, opts);
  const directory = await findUnitDirectories(ctx.db, units.map((u) => u.id));
  const top = units[0]!;
  const place = placeNames(units);
  const byId = new Map(units.map((u) => [u.id, u]));
  return {
    fileBase: fileSlug(top.name, 'units'),
    header: [
      'Name', 'Kind', 'Under', 'Parent', 'NCES id', 'State id', 'Lowest grade', 'Highest grade', 'Enrollment',
      'Address', 'City', 'ZIP', 'Latitude', 'Longitude', 'School level', 'School type', 'Charter', 'NCES status',
      'Archived', 'Units directly under it', 'Id', 'Parent id', 'Last changed',
    ],
    rows: units.map((u) => [
      u.name,
      UNIT_KIND_LABELS[u.kind],
      place.get(u.id) ?? '',
      (u.parentId && byId.get(u.parentId)?.name) ?? '',
      u.ncesId,
      u.stateId,
      u.gradeLow,
      u.gradeHigh,
      u.enrollment,
      ...directoryCells(directory.get(u.id)),
      u.archived ? 'yes' : 'no',
      u.childCount,
      u.id,
      u.parentId,
      u.updatedAt,
    ]),
  };
}

/** People within the caller's reach, by name, email or title and under a unit: the People page's filters. */
export async function exportPeople(ctx: ServiceContext, query: { q?: string | undefined; unitId?: string | undefined }): Promise<ExportTable> {
  const rows: Cell[][] = [];
  const page = 500;
  let unitName: string | null = null;
  if (query.unitId) unitName = (await findUnit(ctx.db, query.unitId))?.name ?? null;
  for (let offset = 0; ; offset += page) {
    // findPeople checks the unit filter (404 outside the caller's reach) and keeps to their reach.
    const { people, total } = await findPeople(ctx, { ...query, limit: page, offset });
    for (const p of people) rows.push([p.name, p.email, p.title, p.homeUnitName, p.isSystemAdmin ? 'yes' : 'no', p.hasPassword ? 'yes' : 'no', p.id, p.updatedAt]);
    if (people.length < page || offset + page >= total || rows.length > EXPORT_LIMIT) break;
  }
  return {
    fileBase: fileSlug(...[unitName, 'people', query.q ? `matching ${query.q}` : null].filter((x): x is string => !!x)),
    header: ['Name', 'Email', 'Title', 'Home unit', 'System administrator', 'Can sign in', 'Id', 'Last changed'],
    rows,
  };
}

/** The mechanisms established at a unit, with their status, members and how regularly they meet. */
export async function exportUnitMechanisms(ctx: ServiceContext, unitId: string): Promise<ExportTable> {
  const mechanisms = await getUnitMechanisms(ctx, unitId);
  const unit = (await findUnit(ctx.db, unitId))!;
  const names = new Map((await Promise.all([...new Set(mechanisms.map((m) => m.upperMechanismId).filter((x): x is string => !!x))].map(async (id) => [id, await upperName(ctx, id)] as const))).filter(([, n]) => n !== null));
  return {
    fileBase: fileSlug(unit.name, 'mechanisms'),
    header: ['Name', 'Kind', 'Status', 'Started on', 'Status changed on', 'Members', 'Meeting cadence', 'Formal meetings', 'Last formal meeting', 'Next meeting due', 'Linked up to', 'Linked from below', 'Charter', 'Id'],
    rows: mechanisms.map((m) => [
      m.name,
      m.kindName,
      MECHANISM_STATUS_LABELS[m.status],
      m.startedOn,
      m.statusChangedOn,
      m.memberCount,
      m.cadence.state.replace(/_/g, ' '),
      m.cadence.formalMeetings,
      m.cadence.lastFormalOn,
      m.cadence.nextDueOn,
      (m.upperMechanismId && names.get(m.upperMechanismId)) ?? null,
      m.lowerLinkCount,
      m.charter,
      m.id,
    ]),
  };
}

/** The name of a mechanism linked up to: it sits at a unit above, named only to a reader who may see it there. */
async function upperName(ctx: ServiceContext, id: string): Promise<string | null> {
  const [row] = await ctx.db.query<{ name: string; unit_name: string; unit_path: string }>(`select m.name, u.name as unit_name, u.path as unit_path from mechanisms m join units u on u.id = m.unit_id where m.id = $1`, [id]);
  if (!row) return null;
  return decide(ctx.caller, 'mechanism.read', row.unit_path) === 'allow' ? `${row.name} (${row.unit_name})` : 'A mechanism at a unit above (not visible to you)';
}

/** A computed roll-out scenario's schedule: every school's phases, as the schedule CSV has them. */
export async function exportSchedule(ctx: ServiceContext, scenarioId: string): Promise<ExportTable> {
  const scenario = await getScenario(ctx, scenarioId);
  if (!scenario.result) throw conflict(scenario.status === 'computing' ? 'This scenario is still being computed.' : 'This scenario could not be computed.', [{ field: 'status', message: `is ${scenario.status}` }]);
  const { header, rows } = scheduleTable(scenario.result);
  return { fileBase: fileSlug(scenario.name, 'schedule'), header, rows };
}

/** The audit trail with the Audit page's filters (person, kind of thing; also unit and thing), newest first, without paging. */
export async function exportAudit(ctx: ServiceContext, filters: Omit<AuditQuery, 'before' | 'limit'>): Promise<ExportTable> {
  const events = [];
  let before: string | undefined;
  for (;;) {
    // auditTrail checks access (and the unit filter) on every page, as the page does.
    const page = await auditTrail(ctx, { ...filters, before, limit: 200 });
    events.push(...page);
    if (page.length < 200 || events.length > EXPORT_LIMIT) break;
    before = page.at(-1)!.id;
  }
  const unitIds = [...new Set(events.map((e) => e.unitId).filter((x): x is string => !!x))];
  const unitNames = new Map((await findUnitsByIds(ctx.db, unitIds)).map((u) => [u.id, u.name]));
  const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
  return {
    fileBase: fileSlug('audit', filters.entityType ?? ''),
    header: ['When (UTC)', 'Who', 'Action', 'Kind of thing', 'Thing id', 'Unit', 'Before', 'After', 'Who (id)', 'Unit id', 'Event id'],
    rows: events.map((e) => [e.at, e.actorName ?? (e.actorId ? null : 'Trellis (command line or system)'), e.action, e.entityType, e.entityId, e.unitId ? (unitNames.get(e.unitId) ?? null) : null, json(e.before), json(e.after), e.actorId, e.unitId, e.id]),
  };
}
