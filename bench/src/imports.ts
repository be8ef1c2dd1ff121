// Benchmark of the NCES CCD directory import (issue 9) at national size: a generated school file of
// 100,000 schools and an LEA file of 13,000 districts in the current CCD layout (65 and 58 columns),
// imported by `trellis import ccd --apply` into a state on a throwaway PostgreSQL cluster. Reports
// the import's time (its own clock: reading, checking, storing the preview, applying) and the peak
// memory of the import process (VmHWM), and, in the same run, PostgreSQL `COPY` of the same two
// files into plain tables of text columns, for the ratio. Then the same files again (nothing to
// change). Targets: under 3× COPY, under 500 MB. Figures only, no assertions.
//
//   npx tsx bench/src/imports.ts [--schools=100000] [--districts=13000]
import { spawn } from 'node:child_process';
import { chmodSync, createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { insertUnit, migrate } from '@trellis/db';
import { postgresBackend } from './backends.js';
import { onInterrupt } from './cleanup.js';
import { watchMemory } from './memory.js';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);
const SCHOOLS = arg('schools', 100_000);
const DISTRICTS = arg('districts', 13_000);
const TARGET_RATIO = 3;
const TARGET_MB = 500;
const CLI = fileURLToPath(new URL('../../apps/server/src/cli.ts', import.meta.url));

// ---- A deterministic nation ---------------------------------------------------------------------

function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const GRADE_FLAGS = ['G_PK_OFFERED', 'G_KG_OFFERED', ...Array.from({ length: 13 }, (_, i) => `G_${i + 1}_OFFERED`), 'G_UG_OFFERED', 'G_AE_OFFERED'];
const SCHOOL_COLUMNS = [
  'SCHOOL_YEAR', 'FIPST', 'STATENAME', 'ST', 'SCH_NAME', 'LEA_NAME', 'STATE_AGENCY_NO', 'UNION', 'ST_LEAID', 'LEAID', 'ST_SCHID', 'NCESSCH', 'SCHID',
  'MSTREET1', 'MSTREET2', 'MSTREET3', 'MCITY', 'MSTATE', 'MZIP', 'MZIP4', 'LSTREET1', 'LSTREET2', 'LSTREET3', 'LCITY', 'LSTATE', 'LZIP', 'LZIP4', 'PHONE', 'WEBSITE',
  'SY_STATUS', 'SY_STATUS_TEXT', 'UPDATED_STATUS', 'UPDATED_STATUS_TEXT', 'EFFECTIVE_DATE', 'SCH_TYPE_TEXT', 'SCH_TYPE', 'RECON_STATUS', 'OUT_OF_STATE_FLAG',
  'CHARTER_TEXT', 'CHARTAUTH1', 'CHARTAUTHN1', 'CHARTAUTH2', 'CHARTAUTHN2', 'NOGRADES', ...GRADE_FLAGS, 'GSLO', 'GSHI', 'LEVEL', 'IGOFFERED',
];
const LEA_COLUMNS = [
  'SCHOOL_YEAR', 'FIPST', 'STATENAME', 'ST', 'LEA_NAME', 'STATE_AGENCY_NO', 'UNION', 'ST_LEAID', 'LEAID', 'MSTREET1', 'MSTREET2', 'MSTREET3', 'MCITY', 'MSTATE', 'MZIP', 'MZIP4',
  'LSTREET1', 'LSTREET2', 'LSTREET3', 'LCITY', 'LSTATE', 'LZIP', 'LZIP4', 'PHONE', 'WEBSITE', 'SY_STATUS', 'SY_STATUS_TEXT', 'UPDATED_STATUS', 'UPDATED_STATUS_TEXT', 'EFFECTIVE_DATE',
  'LEA_TYPE', 'LEA_TYPE_TEXT', 'OUT_OF_STATE_FLAG', 'CHARTER_LEA', 'CHARTER_LEA_TEXT', 'NOGRADES', ...GRADE_FLAGS, 'GSLO', 'GSHI', 'LEVEL', 'IGOFFERED', 'OPERATIONAL_SCHOOLS',
];
const GRADES = ['PK', 'KG', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];
const SPANS: [string, string, string][] = [['PK', '05', 'Elementary'], ['KG', '05', 'Elementary'], ['06', '08', 'Middle'], ['09', '12', 'High'], ['KG', '08', 'Elementary'], ['PK', '12', 'Other']];
const PLACES = ['Oak', 'Maple', 'Cedar', 'River', 'Lake', 'Hill', 'Pine', 'Valley', 'Spring', 'Prairie', 'Harbor', 'Mesa', 'Willow', 'Granite', 'Summit'];
const STATES = Array.from({ length: 50 }, (_, i) => ({ fips: String(i + 1).padStart(2, '0'), st: `S${String.fromCharCode(65 + (i % 26))}` }));

const csv = (values: string[]) => values.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',') + '\n';

async function writeLines(path: string, header: string[], rows: Iterable<string[]>) {
  const out = createWriteStream(path);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write(csv(header));
  for (const r of rows) await write(csv(r));
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

function* districtRows(rand: () => number) {
  for (let i = 0; i < DISTRICTS; i++) {
    const s = STATES[i % STATES.length]!;
    const leaId = `${s.fips}${String(i + 1).padStart(5, '0')}`;
    const place = `${PLACES[i % PLACES.length]} ${Math.floor(i / PLACES.length) + 1}`;
    const row: Record<string, string> = {
      SCHOOL_YEAR: '2024-2025', FIPST: s.fips, STATENAME: `STATE ${s.fips}`, ST: s.st, LEA_NAME: `${place} School District`, STATE_AGENCY_NO: '01', UNION: 'N', ST_LEAID: `${s.st}-${i}`, LEAID: leaId,
      MSTREET1: `${1 + Math.floor(rand() * 900)} Main St`, MCITY: place, MSTATE: s.st, MZIP: String(10000 + Math.floor(rand() * 89999)), LSTREET1: '1 District Way', LCITY: place, LSTATE: s.st,
      LZIP: String(10000 + Math.floor(rand() * 89999)), PHONE: '(555)555-0100', SY_STATUS: '1', SY_STATUS_TEXT: 'Open', UPDATED_STATUS: '1', UPDATED_STATUS_TEXT: 'Open', EFFECTIVE_DATE: '07/01/2024',
      LEA_TYPE: '1', LEA_TYPE_TEXT: 'Regular public school district', OUT_OF_STATE_FLAG: 'No', CHARTER_LEA: 'NOTCHR', CHARTER_LEA_TEXT: 'Not a charter district', NOGRADES: 'No',
      GSLO: 'PK', GSHI: '12', LEVEL: 'Other', IGOFFERED: 'As reported', OPERATIONAL_SCHOOLS: '8',
    };
    for (const g of GRADE_FLAGS) row[g] = g === 'G_UG_OFFERED' || g === 'G_AE_OFFERED' || g === 'G_13_OFFERED' ? 'No' : 'Yes';
    yield LEA_COLUMNS.map((c) => row[c] ?? '');
  }
}

function* schoolRows(rand: () => number) {
  for (let k = 0; k < SCHOOLS; k++) {
    const d = k % DISTRICTS;
    const s = STATES[d % STATES.length]!;
    const leaId = `${s.fips}${String(d + 1).padStart(5, '0')}`;
    const no = String(Math.floor(k / DISTRICTS) + 1).padStart(5, '0');
    const [lo, hi, level] = SPANS[Math.floor(rand() * SPANS.length)]!;
    const status = rand() < 0.02 ? '2' : '1';
    const city = `${PLACES[Math.floor(rand() * PLACES.length)]} ${d % 97}`;
    const row: Record<string, string> = {
      SCHOOL_YEAR: '2024-2025', FIPST: s.fips, STATENAME: `STATE ${s.fips}`, ST: s.st, SCH_NAME: `${city} ${level} School ${no}`, LEA_NAME: `District ${d}`, STATE_AGENCY_NO: '01', UNION: 'N',
      ST_LEAID: `${s.st}-${d}`, LEAID: leaId, ST_SCHID: `${s.st}-${d}-${no}`, NCESSCH: `${leaId}${no}`, SCHID: no, MSTREET1: `${1 + Math.floor(rand() * 9000)} School Rd`, MCITY: city, MSTATE: s.st,
      MZIP: String(10000 + Math.floor(rand() * 89999)), LSTREET1: `${1 + Math.floor(rand() * 9000)} School Rd`, LCITY: city, LSTATE: s.st, LZIP: String(10000 + Math.floor(rand() * 89999)),
      PHONE: '(555)555-0123', WEBSITE: '', SY_STATUS: status, SY_STATUS_TEXT: status === '1' ? 'Open' : 'Closed', UPDATED_STATUS: status, UPDATED_STATUS_TEXT: status === '1' ? 'Open' : 'Closed',
      EFFECTIVE_DATE: '07/01/2024', SCH_TYPE_TEXT: 'Regular School', SCH_TYPE: '1', RECON_STATUS: 'No', OUT_OF_STATE_FLAG: 'No', CHARTER_TEXT: rand() < 0.07 ? 'Yes' : 'No', NOGRADES: 'No',
      GSLO: lo, GSHI: hi, LEVEL: level, IGOFFERED: 'As reported',
    };
    const from = GRADES.indexOf(lo);
    const to = GRADES.indexOf(hi);
    GRADE_FLAGS.forEach((g, i) => (row[g] = i >= from && i <= to && i < 14 ? 'Yes' : 'No'));
    yield SCHOOL_COLUMNS.map((c) => row[c] ?? '');
  }
}

// ---- Running ------------------------------------------------------------------------------------

interface CliRun {
  wallS: number;
  previewS: number | null;
  importS: number | null;
  peakMb: number;
  output: string;
  code: number;
}

function runImport(env: Record<string, string>, args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'import', 'ccd', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const memory = watchMemory(child.pid!, 100);
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('exit', (code) => {
      const peak = memory.stop();
      const seconds = (re: RegExp) => {
        const m = re.exec(output);
        return m ? Number(m[1]) : null;
      };
      resolve({ wallS: (performance.now() - started) / 1000, previewS: seconds(/\(([\d.]+) s\):/), importS: seconds(/Imported in ([\d.]+) s/), peakMb: peak.serverPeakMb, output, code: code ?? 1 });
    });
  });
}

async function main() {
  // --out=DIR only writes the two files there (to import them by hand, or profile).
  const out = process.argv.find((a) => a.startsWith('--out='))?.slice('--out='.length);
  if (out) {
    await writeLines(join(out, 'leas.csv'), LEA_COLUMNS, districtRows(random(2026)));
    await writeLines(join(out, 'schools.csv'), SCHOOL_COLUMNS, schoolRows(random(2027)));
    console.log(`Wrote ${join(out, 'leas.csv')} and ${join(out, 'schools.csv')}.`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'trellis-bench-imports-'));
  chmodSync(dir, 0o755); // the PostgreSQL server (user postgres) reads the files for COPY
  const forget = onInterrupt(() => rmSync(dir, { recursive: true, force: true }));
  const leas = join(dir, 'leas.csv');
  const schools = join(dir, 'schools.csv');
  let t = performance.now();
  await writeLines(leas, LEA_COLUMNS, districtRows(random(2026)));
  await writeLines(schools, SCHOOL_COLUMNS, schoolRows(random(2027)));
  for (const f of [leas, schools]) chmodSync(f, 0o644);
  console.log(`Generated ${DISTRICTS.toLocaleString('en-US')} districts (${(statSync(leas).size / 1e6).toFixed(1)} MB, ${LEA_COLUMNS.length} columns) and ${SCHOOLS.toLocaleString('en-US')} schools (${(statSync(schools).size / 1e6).toFixed(1)} MB, ${SCHOOL_COLUMNS.length} columns) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const backend = await postgresBackend();
  if (!backend) {
    console.log('PostgreSQL server binaries are not installed: the import benchmark needs them (for COPY). Install the postgresql package.');
    rmSync(dir, { recursive: true, force: true });
    return;
  }
  try {
    const db = await backend.open();
    await migrate(db);
    const state = await insertUnit(db, { kind: 'state', name: 'United States (bench)', parentId: null, parentPath: null });
    const env = backend.serverEnv;

    const first = await runImport(env, ['--state', state.id, '--schools', schools, '--leas', leas, '--apply', '--skip-problems']);
    if (first.code !== 0) throw new Error(`the import failed:\n${first.output}`);
    const [units] = await db.query<{ n: number }>('select count(*)::int as n from units');
    const again = await runImport(env, ['--state', state.id, '--schools', schools, '--leas', leas, '--apply', '--skip-problems']);

    // COPY of the same rows into plain tables, in the same cluster, right after.
    await db.query(`create table bench_copy_leas (${LEA_COLUMNS.map((c) => `"${c}" text`).join(', ')})`);
    await db.query(`create table bench_copy_schools (${SCHOOL_COLUMNS.map((c) => `"${c}" text`).join(', ')})`);
    t = performance.now();
    await db.query(`copy bench_copy_leas from '${leas}' with (format csv, header true)`);
    await db.query(`copy bench_copy_schools from '${schools}' with (format csv, header true)`);
    const copyS = (performance.now() - t) / 1000;
    await db.close();

    const importS = first.importS ?? first.wallS;
    const ratio = importS / copyS;
    const rows: [string, string, string][] = [
      ['units after the import', units!.n.toLocaleString('en-US'), ''],
      ['import: read, check, store the preview', `${first.previewS?.toFixed(1) ?? '?'} s`, ''],
      ['import: total to applied (the CLI’s clock)', `${importS.toFixed(1)} s`, ''],
      ['import process wall time (tsx start-up and migrations included)', `${first.wallS.toFixed(1)} s`, ''],
      ['COPY of the same rows into plain tables', `${copyS.toFixed(2)} s`, ''],
      ['import ÷ COPY', `${ratio.toFixed(1)}×`, ratio <= TARGET_RATIO ? `meets < ${TARGET_RATIO}×` : `MISSES < ${TARGET_RATIO}×`],
      ['peak memory of the import process (VmHWM)', `${first.peakMb} MB`, first.peakMb <= TARGET_MB ? `meets < ${TARGET_MB} MB` : `MISSES < ${TARGET_MB} MB`],
      ['the same files again (nothing to change), to applied', `${(again.importS ?? again.wallS).toFixed(1)} s`, /0 created, 0 updated, 0 archived/.test(again.output) ? 'changes nothing' : 'CHANGED SOMETHING'],
      ['peak memory, second run', `${again.peakMb} MB`, ''],
    ];
    if (process.argv.includes('--verbose')) console.log(first.output, again.output);
    console.log(`\nCCD directory import, ${SCHOOLS.toLocaleString('en-US')} schools and ${DISTRICTS.toLocaleString('en-US')} districts, on ${backend.label}`);
    for (const [k, v, note] of rows) console.log(`  ${k.padEnd(66)} ${v.padStart(10)}  ${note}`);
    writeFileSync(join(fileURLToPath(new URL('../results/', import.meta.url)), 'imports.json'), JSON.stringify({ schools: SCHOOLS, districts: DISTRICTS, units: units!.n, previewS: first.previewS, importS, wallS: first.wallS, copyS, ratio, peakMb: first.peakMb, secondRunS: again.importS, secondPeakMb: again.peakMb, at: new Date().toISOString() }, null, 2));
  } finally {
    await backend.dispose();
    rmSync(dir, { recursive: true, force: true });
    forget();
  }
}

await main();
