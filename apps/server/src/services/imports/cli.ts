// `trellis import ccd …`: the same preview and apply as the web page, from files on disk, with a
// progress bar on the terminal. The CLI acts as a system administrator (it runs on the server).
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Caller, ImportRun } from '@trellis/core';
import { insertUnit, listImportProblems, lockTreeForInsert, recordAuditEvent, type Db } from '@trellis/db';
import type { ServiceContext } from '../../context.js';
import { applyImportRun, previewCcdImport, previewFeederFile, suggestFeeders, type ImportProgress, type ImportSlot, type UploadedFile } from './ccd.js';

export interface CcdCliOptions {
  unitId: string;
  schools?: string | undefined;
  leas?: string | undefined;
  regions?: string | undefined;
  /** 'suggest', or a feeder file. */
  feeders?: string | undefined;
  apply: boolean;
  skipProblems: boolean;
}

/** `--create-state`: a new top-level state to import into. */
export async function createStateFor(db: Db, name: string) {
  return db.transaction(async (tx) => {
    await lockTreeForInsert(tx);
    const unit = await insertUnit(tx, { kind: 'state', name: name.trim().slice(0, 200), parentId: null, parentPath: null });
    await recordAuditEvent(tx, { actorId: null, action: 'unit.create', entityType: 'unit', entityId: unit.id, unitId: unit.id, before: null, after: { kind: unit.kind, name: unit.name, via: 'cli' } });
    return unit;
  });
}

const CLI_CALLER: Caller = { personId: 'cli', isSystemAdmin: true, grants: [] };

/** A one-line progress bar on a terminal; phase lines otherwise (logs, CI). */
export function progressPrinter(stream: NodeJS.WriteStream = process.stderr) {
  let lastPhase = '';
  let lastDraw = 0;
  const started = Date.now();
  const tty = stream.isTTY === true;
  const label = (p: ImportProgress) => ({ reading: `Reading ${p.file ?? ''}`, checking: 'Comparing with the database', saving: 'Saving the preview', applying: 'Applying', done: 'Done' })[p.phase];
  return {
    update(p: ImportProgress) {
      const now = Date.now();
      const phase = `${p.phase}:${p.file ?? ''}`;
      if (!tty) {
        if (phase !== lastPhase) stream.write(`${label(p)}… (at ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
        lastPhase = phase;
        return;
      }
      if (phase === lastPhase && now - lastDraw < 100 && p.done !== p.total) return;
      lastDraw = now;
      if (phase !== lastPhase && lastPhase !== '') stream.write('\n');
      lastPhase = phase;
      const width = 30;
      if (p.total) {
        const share = Math.min(1, p.done / p.total);
        const filled = Math.round(share * width);
        stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}%  ${label(p)}`);
      } else {
        stream.write(`\r${label(p)}${p.done ? `  ${p.phase === 'reading' ? `${(p.done / 1e6).toFixed(1)} MB` : p.done}` : '…'}`);
      }
    },
    end() {
      if (tty && lastPhase !== '') stream.write('\n');
      lastPhase = '';
    },
  };
}

const fileOf = (slot: ImportSlot, path: string): UploadedFile => ({ slot, name: basename(path), stream: createReadStream(path, { highWaterMark: 256 * 1024 }), size: statSync(path).size });

function describe(run: ImportRun, out: (line: string) => void) {
  const k = run.counts.byKind;
  const row = (label: string, c: { creates: number; updates: number; archives: number; unchanged: number }) =>
    `  ${label.padEnd(16)} ${String(c.creates).padStart(7)} ${String(c.updates).padStart(8)} ${String(c.archives).padStart(9)} ${String(c.unchanged).padStart(10)}`;
  out(`  ${''.padEnd(16)} ${'create'.padStart(7)} ${'update'.padStart(8)} ${'archive'.padStart(9)} ${'unchanged'.padStart(10)}`);
  out(row('Regions', k.region));
  out(row('Districts', k.district));
  out(row('Feeder patterns', k.feeder_pattern));
  out(row('Schools', k.school));
  for (const f of run.files) out(`  ${f.slot}: ${f.name}, ${f.rows.toLocaleString('en-US')} rows${f.layout ? `, CCD ${f.layout} layout` : ''}, ${f.encoding}`);
  if (run.counts.outsideScope) out(`  ${run.counts.outsideScope.toLocaleString('en-US')} rows of other states left out.`);
  if (run.counts.closedNotCreated) out(`  ${run.counts.closedNotCreated.toLocaleString('en-US')} closed schools or districts that Trellis never had: not created.`);
  if (run.counts.serviceAgencies) out(`  ${run.counts.serviceAgencies} regional service agencies without schools left out (regions come from --regions).`);
}

async function printProblems(db: Db, run: ImportRun, out: (line: string) => void) {
  if (run.problemCount === 0) return;
  out(`${run.problemCount.toLocaleString('en-US')} problem${run.problemCount === 1 ? '' : 's'} (rows that will not be imported):`);
  for (const p of await listImportProblems(db, run.id, 0, 20)) {
    out(`  ${p.file}${p.line !== null ? ` line ${p.line}` : ''}${p.key ? ` (${p.key}${p.name ? ` ${p.name}` : ''})` : ''}${p.field ? ` ${p.field}` : ''}: ${p.message}`);
  }
  if (run.problemCount > 20) out(`  … and ${(run.problemCount - 20).toLocaleString('en-US')} more (see the import page).`);
}

/** Runs the import the CLI describes; returns the process exit code. */
export async function runCcdImportCli(db: Db, opts: CcdCliOptions, out: (line: string) => void = console.log): Promise<number> {
  const ctx: ServiceContext = { db, caller: CLI_CALLER, requestId: `cli-${process.pid}` };
  const bar = progressPrinter();
  const started = Date.now();
  const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  let exit = 0;
  if (opts.schools || opts.leas) {
    const run = await previewCcdImport(
      ctx,
      opts.unitId,
      async (files) => {
        // LEAs first: smaller, and the schools refer to them.
        if (opts.leas) await files.add(fileOf('leas', opts.leas), (p) => bar.update(p));
        if (opts.schools) await files.add(fileOf('schools', opts.schools), (p) => bar.update(p));
        if (opts.regions) await files.add(fileOf('regions', opts.regions), (p) => bar.update(p));
      },
      (p) => bar.update(p),
    );
    bar.end();
    out(`Preview of the directory import into ${run.unitName} (${seconds()}):`);
    describe(run, out);
    await printProblems(db, run, out);
    if (!opts.apply) {
      out(`Nothing was written. Run again with --apply to import (preview ${run.id}).`);
    } else if (run.problemCount > 0 && !opts.skipProblems) {
      out('Nothing was written: the files have problems. Fix them, or add --skip-problems to import every other row.');
      return 2;
    } else {
      const applied = await applyImportRun(ctx, run.id, { version: run.version, skipProblems: opts.skipProblems }, (p) => bar.update(p));
      bar.end();
      out(`Imported in ${seconds()}: ${applied.counts.creates.toLocaleString('en-US')} created, ${applied.counts.updates.toLocaleString('en-US')} updated, ${applied.counts.archives.toLocaleString('en-US')} archived.`);
    }
  }
  if (opts.feeders) {
    const run =
      opts.feeders === 'suggest'
        ? await suggestFeeders(ctx, opts.unitId, undefined)
        : await previewFeederFile(ctx, opts.unitId, async (files) => files.add(fileOf('feeders', opts.feeders!), (p) => bar.update(p)));
    bar.end();
    out(`Feeder patterns (${opts.feeders === 'suggest' ? 'suggested for the districts with several high schools' : 'from the file'}):`);
    describe(run, out);
    await printProblems(db, run, out);
    if (!opts.apply) out(`Nothing was written. Review them on the import page, or run again with --apply (preview ${run.id}).`);
    else if (run.problemCount > 0 && !opts.skipProblems) {
      out('Feeder patterns not applied: the file has problems. Fix them, or add --skip-problems.');
      exit = 2;
    } else {
      const applied = await applyImportRun(ctx, run.id, { version: run.version, skipProblems: opts.skipProblems }, (p) => bar.update(p));
      bar.end();
      out(`Feeder patterns applied in ${seconds()}: ${applied.counts.byKind.feeder_pattern.creates} created, ${applied.counts.byKind.school.updates.toLocaleString('en-US')} schools moved into them.`);
    }
  }
  return exit;
}

// ---- OneRoster and Ed-Fi (docs/decisions/0018) --------------------------------------------------

export interface OneRosterCliOptions {
  unitId: string;
  orgs?: string | undefined;
  users?: string | undefined;
  roles?: string | undefined;
  /** Changes to the proposed role mapping: "teacher=viewer", "aide=skip". */
  map: string[];
  apply: boolean;
  skipProblems: boolean;
}

function describeOrgs(run: ImportRun, out: (line: string) => void) {
  const k = run.counts.byKind;
  const row = (label: string, c: { creates: number; updates: number; archives: number; unchanged: number } | undefined) =>
    c ? `  ${label.padEnd(16)} ${String(c.creates).padStart(7)} ${String(c.updates).padStart(8)} ${String(c.archives).padStart(9)} ${String(c.unchanged).padStart(10)}` : null;
  out(`  ${''.padEnd(16)} ${'create'.padStart(7)} ${'update'.padStart(8)} ${'archive'.padStart(9)} ${'unchanged'.padStart(10)}`);
  for (const line of [row('Regions', k.region), row('Districts', k.district), row('Schools', k.school), row('Departments', k.department)]) if (line) out(line);
  for (const f of run.files) out(`  ${f.slot}: ${f.name}, ${f.rows.toLocaleString('en-US')} ${f.slot === 'edfi' ? 'resources' : 'rows'}${f.layout ? `, ${f.layout}` : ''}, ${f.encoding}`);
  if (run.counts.closedNotCreated) out(`  ${run.counts.closedNotCreated.toLocaleString('en-US')} organizations marked to be deleted (or closed) that Trellis never had: not created.`);
  const p = run.people;
  if (p) {
    out('  Role mapping (OneRoster role → Trellis grant at the org; change with --map role=choice):');
    for (const [role, n] of Object.entries(p.usersByRole).sort()) out(`    ${role.padEnd(22)} ${String(n).padStart(6)} user${n === 1 ? ' ' : 's'}  → ${p.mapping[role] === 'skip' ? 'skipped (no account)' : p.mapping[role]}`);
    const c = p.counts;
    out(`  People: ${c.creates} to create, ${c.updates} to update, ${c.unchanged} unchanged, ${c.grants} grants to add; ${c.skipped} staff skipped by the mapping, ${c.learners} students and families never imported, ${c.withoutRole + c.inactive} without a current role.`);
  }
}

async function applyOrRefuse(ctx: ServiceContext, run: ImportRun, opts: { apply: boolean; skipProblems: boolean }, bar: ReturnType<typeof progressPrinter>, seconds: () => string, out: (line: string) => void): Promise<number> {
  if (!opts.apply) {
    out(`Nothing was written. Run again with --apply to import (preview ${run.id}).`);
    return 0;
  }
  if (run.problemCount > 0 && !opts.skipProblems) {
    out('Nothing was written: the files have problems. Fix them, or add --skip-problems to import every other row.');
    return 2;
  }
  const applied = await applyImportRun(ctx, run.id, { version: run.version, skipProblems: opts.skipProblems }, (p) => bar.update(p));
  bar.end();
  const people = applied.people ? `; people: ${applied.people.counts.creates} created, ${applied.people.counts.updates} updated, ${applied.people.counts.grants} grants` : '';
  out(`Imported in ${seconds()}: ${applied.counts.creates.toLocaleString('en-US')} created, ${applied.counts.updates.toLocaleString('en-US')} updated, ${applied.counts.archives.toLocaleString('en-US')} archived${people}.`);
  return 0;
}

/** `trellis import oneroster`: preview (with the role mapping), optionally changed by --map, then --apply. */
export async function runOneRosterImportCli(db: Db, opts: OneRosterCliOptions, out: (line: string) => void = console.log): Promise<number> {
  const { previewOneRosterImport, editRoleMapping } = await import('./oneroster.js');
  const ctx: ServiceContext = { db, caller: CLI_CALLER, requestId: `cli-${process.pid}` };
  const bar = progressPrinter();
  const started = Date.now();
  const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  let run = await previewOneRosterImport(
    ctx,
    opts.unitId,
    async (files) => {
      if (opts.orgs) await files.add(fileOf('orgs', opts.orgs), (p) => bar.update(p));
      if (opts.users) await files.add(fileOf('users', opts.users), (p) => bar.update(p));
      if (opts.roles) await files.add(fileOf('roles', opts.roles), (p) => bar.update(p));
    },
    (p) => bar.update(p),
  );
  bar.end();
  if (opts.map.length > 0) {
    const mapping: Record<string, string> = {};
    for (const m of opts.map) {
      const [role, choice] = m.split('=').map((s) => s.trim());
      if (!role || !choice) throw new Error(`--map ${m}: write it as role=choice (e.g. teacher=viewer, aide=skip).`);
      mapping[role.toLowerCase()] = choice;
    }
    run = await editRoleMapping(ctx, run.id, { version: run.version, mapping: mapping as never });
  }
  out(`Preview of the OneRoster import into ${run.unitName} (${seconds()}):`);
  describeOrgs(run, out);
  await printProblems(db, run, out);
  return applyOrRefuse(ctx, run, opts, bar, seconds, out);
}

/** `trellis import edfi FILE…`: Ed-Fi API JSON files of education organizations. */
export async function runEdfiImportCli(db: Db, opts: { unitId: string; files: string[]; apply: boolean; skipProblems: boolean }, out: (line: string) => void = console.log): Promise<number> {
  const { previewEdfiImport } = await import('./edfi.js');
  const ctx: ServiceContext = { db, caller: CLI_CALLER, requestId: `cli-${process.pid}` };
  const bar = progressPrinter();
  const started = Date.now();
  const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const run = await previewEdfiImport(
    ctx,
    opts.unitId,
    async (files) => {
      for (const f of opts.files) await files.add(fileOf('edfi', f), (p) => bar.update(p));
    },
    (p) => bar.update(p),
  );
  bar.end();
  out(`Preview of the Ed-Fi import into ${run.unitName} (${seconds()}):`);
  describeOrgs(run, out);
  await printProblems(db, run, out);
  return applyOrRefuse(ctx, run, opts, bar, seconds, out);
}
