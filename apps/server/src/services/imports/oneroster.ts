// OneRoster imports: orgs.csv (units), users.csv and roles.csv (people and, after the role mapping
// is reviewed, grants). Files stream through csv-stream like CCD files; the plan is core's
// planOrgImport and planOneRosterPeople; the run is stored, applied and discarded as a CCD run is.
import { randomUUID } from 'node:crypto';
import {
  conflict,
  invalid,
  isImportProblem,
  isWithin,
  parseOneRosterOrg,
  parseOneRosterRole,
  parseOneRosterUser,
  planOneRosterPeople,
  planOrgImport,
  proposeRoleMapping,
  readOneRosterHeader,
  roleMappingIssues,
  staleVersion,
  type ExistingPerson,
  type ImportFileInfo,
  type ImportPersonPage,
  type ImportProblem,
  type ImportRun,
  type ImportRunQuery,
  type OneRosterHeader,
  type OneRosterRole,
  type OneRosterUser,
  type OrgRow,
  type RoleMappingUpdate,
  type Unit,
} from '@trellis/core';
import { findPeopleForImport, findSourceUnitsElsewhere, insertImportPeople, listDirectoryUnits, listImportPeople, countImportPeople, recordAuditEvent, updateImportRun } from '@trellis/db';
import type { ServiceContext } from '../../context.js';
import { actorOf, getImportRun, importUnit, runFor, storeRun, type OnProgress, type UploadedFile } from './ccd.js';
import { nulProblem, readCsv } from './csv-stream.js';
import { storedMapping, type StoredRoleMapping } from './people.js';

/** Collects the rows of orgs.csv, users.csv and roles.csv as they stream in, with every problem. */
export class OneRosterFiles {
  orgs: OrgRow[] = [];
  /** sourcedIds of national orgs: left out on purpose (their children go under the state). */
  nationals = new Set<string>();
  users: OneRosterUser[] | null = null;
  roles: OneRosterRole[] | null = null;
  problems: ImportProblem[] = [];
  files: ImportFileInfo[] = [];
  unusable = new Map<string, string>();
  private readonly today = new Date().toISOString().slice(0, 10);

  async add(file: UploadedFile, onProgress?: OnProgress): Promise<void> {
    const slot = file.slot as 'orgs' | 'users' | 'roles';
    let header: OneRosterHeader | null = null;
    let skip = false;
    let rows = 0;
    if (slot === 'users') this.users ??= [];
    if (slot === 'roles') this.roles ??= [];
    const result = await readCsv(
      file.stream,
      (record, line) => {
        if (skip) return;
        if (header === null) {
          const h = readOneRosterHeader(slot, record);
          if (isImportProblem(h)) {
            this.problems.push(h);
            this.unusable.set(slot, h.message);
            skip = true;
          } else header = h;
          return;
        }
        if (record.length === 1 && record[0]!.trim() === '') return;
        rows++;
        const nul = nulProblem(slot, record, line);
        if (nul) return void this.problems.push(nul);
        if (slot === 'orgs') {
          const r = parseOneRosterOrg(header, record, line);
          if (!r.ok) this.problems.push(r.problem);
          else if (r.row) this.orgs.push(r.row);
          else this.nationals.add(r.national);
        } else if (slot === 'users') {
          const r = parseOneRosterUser(header, record, line);
          if (r.ok) this.users!.push(r.row);
          else this.problems.push(r.problem);
        } else {
          const r = parseOneRosterRole(header, record, line, this.today);
          if (r.ok) this.roles!.push(r.row);
          else this.problems.push(r.problem);
        }
      },
      (bytes) => onProgress?.({ phase: 'reading', file: file.name, done: bytes, total: file.size ?? null }),
    );
    if (result.error) {
      this.problems.push({ file: slot, line: result.error.line, key: null, name: null, field: null, message: result.error.message });
      if (result.records === 0) this.unusable.set(slot, result.error.message);
    } else if (result.records === 0) {
      this.problems.push({ file: slot, line: null, key: null, name: null, field: null, message: 'The file is empty.' });
      this.unusable.set(slot, 'is empty');
    }
    this.files.push({ slot, name: file.name.slice(0, 200), layout: header ? `OneRoster ${(header as OneRosterHeader).layout}` : null, encoding: result.encoding, rows, bytes: result.bytes });
  }
}

export function checkStateScope(unit: Unit, what: string) {
  if (unit.kind !== 'state' && unit.kind !== 'district') throw invalid(`${what} goes into a state (or one district); ${unit.name} is a ${unit.kind.replace('_', ' ')}.`, [{ field: 'unitId', message: 'must be a state or a district' }]);
  if (unit.archived) throw invalid(`${unit.name} is archived: bring it back before importing into it.`, [{ field: 'unitId', message: 'is archived' }]);
}

/**
 * Reads OneRoster files (orgs, and optionally users with roles) for the state `unitId` and stores
 * what importing them would do, with the proposed role → grant mapping. Writes no unit or person.
 */
export async function previewOneRosterImport(ctx: ServiceContext, unitId: string, upload: (files: OneRosterFiles) => Promise<void>, onProgress?: OnProgress): Promise<ImportRun> {
  const unit = await importUnit(ctx, ctx.db, unitId);
  checkStateScope(unit, 'A OneRoster import');
  const files = new OneRosterFiles();
  await upload(files);
  const slots = files.files.map((f) => f.slot);
  if (slots.includes('roles') && !slots.includes('users')) throw invalid('roles.csv goes with users.csv: upload both.', [{ field: 'users', message: 'is missing (roles.csv names its users)' }]);
  if (!slots.includes('orgs') && !slots.includes('users')) throw invalid('Upload a OneRoster orgs.csv, a users.csv, or both.', [{ field: 'orgs', message: 'is missing (and so is users)' }]);
  const main = slots.filter((s) => s === 'orgs' || s === 'users');
  if (main.every((s) => files.unusable.has(s))) {
    throw invalid('No file can be used: ' + main.map((s) => `${s}.csv: ${files.unusable.get(s)}`).join(' '), main.map((s) => ({ field: s, message: files.unusable.get(s)! })));
  }
  onProgress?.({ phase: 'checking', done: 0, total: null });
  const existing = await listDirectoryUnits(ctx.db, unit.path);
  const elsewhere = await findSourceUnitsElsewhere(ctx.db, unit.path, 'oneroster', files.orgs.map((o) => o.key), files.orgs.flatMap((o) => (o.ncesId ? [o.ncesId] : [])));
  // Children of a national org go under the state.
  const orgs = files.orgs.map((o) => (o.parentKey !== null && files.nationals.has(o.parentKey) ? { ...o, parentKey: null } : o));
  const refusedRows = new Map(files.problems.filter((p) => p.file === 'orgs' && p.key !== null).map((p) => [p.key!, { name: p.name, line: p.line, message: p.message }]));
  const plan = planOrgImport({ source: 'oneroster', scope: { id: unit.id, kind: unit.kind, path: unit.path, name: unit.name, ncesId: unit.ncesId }, existing, elsewhere, rows: orgs, refusedRows, newId: randomUUID });
  const problems = [...files.problems, ...plan.problems];

  let people: Parameters<typeof storeRun>[7];
  if (files.users !== null && !files.unusable.has('users')) {
    const refusedOrgs = new Map<string, string>();
    for (const p of problems) if ((p.file === 'orgs') && p.key !== null && !refusedOrgs.has(p.key)) refusedOrgs.set(p.key, `orgs.csv line ${p.line}: ${p.message}`);
    for (const n of files.nationals) refusedOrgs.set(n, 'a national org: Trellis starts at the state');
    const emails = files.users.flatMap((u) => (u.email ? [u.email] : []));
    const found = await findPeopleForImport(ctx.db, unit.path, files.users.map((u) => u.sourcedId), emails);
    const existingBySourcedId = new Map<string, ExistingPerson>();
    const existingByEmail = new Map<string, ExistingPerson>();
    for (const found1 of found) {
      // Only people homed in the unit imported into are updated (a district administrator must not
      // rename, move or take over another district's or the state's people by listing their email).
      const outOfReach = (found1.isSystemAdmin && !ctx.caller.isSystemAdmin) || (found1.homeUnitPath === null ? !ctx.caller.isSystemAdmin : !isWithin(found1.homeUnitPath, unit.path));
      const { homeUnitPath: _h, isSystemAdmin: _s, ...person } = found1;
      const p: ExistingPerson = { ...person, outOfReach };
      if (p.onerosterId) existingBySourcedId.set(p.onerosterId, p);
      existingByEmail.set(p.email, p);
    }
    const peoplePlan = planOneRosterPeople({ scopeName: unit.name, users: files.users, roles: files.roles, unitIdByOrg: plan.unitIdByKey, refusedOrgs, existingBySourcedId, existingByEmail, newId: randomUUID });
    problems.push(...peoplePlan.problems);
    const stored = storedMapping(peoplePlan.items, { mapping: proposeRoleMapping(Object.keys(peoplePlan.usersByRole)), usersByRole: peoplePlan.usersByRole, learners: peoplePlan.learners, withoutRole: peoplePlan.withoutRole, inactive: peoplePlan.inactive });
    people = { roleMapping: stored, store: (tx, runId) => insertImportPeople(tx, runId, peoplePlan.items) };
  }
  files.orgs = [];
  files.users = null;
  files.roles = null;
  return storeRun(ctx, unit, 'oneroster', { items: plan.items, problems, counts: plan.counts }, files.files, undefined, onProgress, people);
}

/** Changes the role → grant mapping of a OneRoster run before it is applied; the counts follow. */
export async function editRoleMapping(ctx: ServiceContext, id: string, body: RoleMappingUpdate): Promise<ImportRun> {
  await ctx.db.transaction(async (tx) => {
    const { run, unit } = await runFor(ctx, tx, id, { lock: true });
    const stored = run.roleMapping as StoredRoleMapping | null;
    if (run.kind !== 'oneroster' || !stored) throw invalid('Only a OneRoster import with users.csv has a role mapping.', [{ field: 'mapping', message: 'this import has no users' }]);
    if (run.status !== 'previewed') throw conflict(`This import was already ${run.status}.`, [{ field: 'version', message: `the import is ${run.status}` }]);
    if (run.version !== body.version) throw staleVersion('The import');
    const issues = roleMappingIssues(body.mapping, Object.keys(stored.usersByRole));
    if (issues.length > 0) throw invalid(`Some roles cannot be mapped that way: ${issues.map((i) => `${i.field.replace(/^mapping\./, '')} ${i.message}`).join('; ')}.`, issues);
    const mapping = { ...stored.mapping };
    for (const [role, choice] of Object.entries(body.mapping)) mapping[role.toLowerCase()] = choice;
    const next = storedMapping(await listImportPeople(tx, id), { ...stored, mapping });
    if (!(await updateImportRun(tx, id, run.version, { roleMapping: next }))) throw staleVersion('The import');
    await recordAuditEvent(tx, { actorId: actorOf(ctx), action: 'import.roles_edit', entityType: 'import_run', entityId: id, unitId: unit.id, before: { mapping: stored.mapping }, after: { mapping }, requestId: ctx.requestId });
  });
  return getImportRun(ctx, id);
}

/** The people a OneRoster run would create or update, with their roles and the units, a page at a time. */
export async function getImportPeople(ctx: ServiceContext, id: string, query: ImportRunQuery): Promise<ImportPersonPage> {
  const { run } = await runFor(ctx, ctx.db, id);
  if (run.kind !== 'oneroster') throw invalid('Only a OneRoster import has people.', [{ field: 'id', message: 'is not a OneRoster import' }]);
  const pageSize = query.pageSize ?? 50;
  const page = query.page ?? 1;
  const items = await listImportPeople(ctx.db, id, (page - 1) * pageSize, pageSize);
  const unitIds = [...new Set(items.flatMap((i) => i.roles.map((r) => r.unitId)))];
  // Units the run creates are not in units yet: their names come from the run's items.
  const names = new Map<string, string>();
  if (unitIds.length > 0) {
    const rows = await ctx.db.query<{ id: string; name: string }>(
      `select id, name from units where id in (select value::uuid from json_array_elements_text($1::json))
       union all select unit_id, name from import_run_items where run_id = $2 and unit_id in (select value::uuid from json_array_elements_text($1::json))`,
      [JSON.stringify(unitIds), id],
    );
    for (const r of rows) names.set(r.id, r.name);
  }
  return {
    total: await countImportPeople(ctx.db, id),
    page,
    pageSize,
    people: items.map((i) => ({ action: i.action, personId: i.personId, name: i.name, email: i.email, onerosterId: i.onerosterId, roles: i.roles.map((r) => ({ ...r, unitName: names.get(r.unitId) ?? 'Unit' })), changes: i.changes, line: i.line })),
  };
}
