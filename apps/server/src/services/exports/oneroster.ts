// A unit's hierarchy as a OneRoster 1.1 orgs.csv (sourcedId, status, dateLastModified, name, type,
// identifier, parentSourcedId), for rostering systems that load orgs. How Trellis kinds map to
// OneRoster org types: docs/decisions/0015-backup-and-exports.md.
import { stringify } from 'csv-stringify/sync';
import type { Unit, UnitKind } from '@trellis/core';
import type { ServiceContext } from '../../context.js';
import { getSubtree } from '../organizations/units.js';
import { fileSlug } from './tables.js';

export const ONEROSTER_ORGS_HEADER = ['sourcedId', 'status', 'dateLastModified', 'name', 'type', 'identifier', 'parentSourcedId'] as const;

/**
 * OneRoster 1.1's org types are department, school, district, local, state and national. A region
 * (an education service center) becomes `local`, the type between district and state. A feeder
 * pattern is a Trellis grouping with no OneRoster counterpart: it is left out, and its schools name
 * its district as their parent.
 */
export const ONEROSTER_ORG_TYPES: Record<UnitKind, 'state' | 'local' | 'district' | 'school' | 'department' | null> = {
  state: 'state',
  region: 'local',
  district: 'district',
  feeder_pattern: null,
  school: 'school',
  department: 'department',
};

export interface OneRosterFile {
  fileName: string;
  body: string;
  rows: number;
}

/** The unit and everything under it (archived units as `tobedeleted` when asked for), parents first. */
export async function exportOneRosterOrgs(ctx: ServiceContext, unitId: string, opts: { includeArchived: boolean }): Promise<OneRosterFile> {
  const units = await getSubtree(ctx, unitId, opts);
  const top = units[0]!;
  const byId = new Map<string, Unit>(units.map((u) => [u.id, u]));
  /** The nearest unit above that is in the file (skipping feeder patterns); none above the top unit. */
  const exportedParent = (u: Unit): string => {
    let parentId = u.parentId;
    while (parentId && byId.has(parentId)) {
      const parent = byId.get(parentId)!;
      if (ONEROSTER_ORG_TYPES[parent.kind] !== null) return parent.id;
      parentId = parent.parentId;
    }
    return '';
  };
  const rows = units
    .filter((u) => ONEROSTER_ORG_TYPES[u.kind] !== null)
    .map((u) => [u.id, u.archived ? 'tobedeleted' : 'active', u.updatedAt, u.name, ONEROSTER_ORG_TYPES[u.kind]!, u.ncesId ?? u.stateId ?? '', exportedParent(u)]);
  // RFC 4180 as OneRoster asks: UTF-8 without a byte-order mark, CRLF line ends, quotes only where needed.
  const body = stringify([[...ONEROSTER_ORGS_HEADER], ...rows], { record_delimiter: 'windows' });
  return { fileName: `${fileSlug(top.name, 'oneroster')}-orgs.csv`, body, rows: rows.length };
}
