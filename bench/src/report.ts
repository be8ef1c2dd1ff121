// Prints the figures as a table (PGlite, PostgreSQL, their ratio) and the targets.
import type { BackendResult } from './scenario.js';
import type { TargetCheck } from './targets.js';
import type { WebSize } from './web-size.js';
import { LATENCY_CASES } from './workload.js';

interface Row {
  label: string;
  value: (r: BackendResult) => number;
  format: (x: number) => string;
}

const ms = (x: number) => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : x >= 100 ? `${x.toFixed(0)} ms` : `${x.toFixed(1)} ms`);
const count = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 0 });
const mb = (x: number) => `${x.toFixed(0)} MB`;

const latencyRows = (key: string, label: string, headline: boolean): Row[] => {
  const of = (r: BackendResult) => r.latency[key]!;
  const rows: Row[] = [
    { label: `${label} p50`, value: (r) => of(r).p50, format: ms },
    { label: `${label} p95`, value: (r) => of(r).p95, format: ms },
  ];
  if (headline) rows.push({ label: `${label} mean`, value: (r) => of(r).mean, format: ms }, { label: `${label}, units returned`, value: (r) => of(r).meanItems, format: count });
  return rows;
};

const SECTIONS: [string, Row[]][] = [
  [
    'Loading and start-up',
    [
      { label: 'create + migrate database', value: (r) => r.openAndMigrateMs, format: ms },
      { label: 'load units, people, grants', value: (r) => r.loadMs, format: ms },
      { label: 'start-up to first 200 /api/health', value: (r) => r.startupMs, format: ms },
    ],
  ],
  [
    'Latency, one request at a time over HTTP',
    [
      ...LATENCY_CASES.flatMap((c) => latencyRows(c.key, c.label, c.headline ?? false)),
      { label: 'failed requests (all of the above)', value: (r) => Object.values(r.latency).reduce((s, l) => s + l.failures, 0), format: count },
    ],
  ],
  [
    'Mixed read load (autocannon)',
    [
      { label: 'requests per second', value: (r) => r.mixed.requestsPerSecond, format: count },
      { label: 'requests in all', value: (r) => r.mixed.requests, format: count },
      { label: 'errors + timeouts', value: (r) => r.mixed.errors + r.mixed.timeouts, format: count },
      { label: 'non-2xx responses', value: (r) => r.mixed.non2xx, format: count },
      { label: 'latency p50', value: (r) => r.mixed.latencyP50, format: ms },
      { label: 'latency p99', value: (r) => r.mixed.latencyP99, format: ms },
    ],
  ],
  [
    'Roll-out planner: the whole state (10,000 schools by district, cadre of 60) computed in a worker',
    [
      { label: 'POST to 202 (schools read and checked)', value: (r) => r.rollout.postMs, format: ms },
      { label: 'POST to ready (computed and stored)', value: (r) => r.rollout.computeMs, format: ms },
      { label: 'school reads meanwhile p50', value: (r) => r.rollout.readsDuring.p50, format: ms },
      { label: 'school reads meanwhile p95', value: (r) => r.rollout.readsDuring.p95, format: ms },
      { label: 'school reads meanwhile ÷ idle, p95', value: (r) => (r.latency.unitDetail!.p95 ? r.rollout.readsDuring.p95 / r.latency.unitDetail!.p95 : 0), format: (x) => `${x.toFixed(2)}×` },
      { label: 'school reads meanwhile, count', value: (r) => r.rollout.readsDuring.count, format: count },
      { label: 'months to scale (lower bound)', value: (r) => r.rollout.monthsToScale ?? 0, format: count },
      { label: 'lower bound, months', value: (r) => r.rollout.lowerBoundMonths ?? 0, format: count },
    ],
  ],
  [
    'Memory of the server process',
    [
      { label: 'peak RSS of the serving process', value: (r) => r.memory.serverPeakMb, format: mb },
      { label: 'peak RSS of its process tree', value: (r) => r.memory.treePeakMb, format: mb },
    ],
  ],
];

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('   ')).join('\n');
}

/** PostgreSQL ÷ PGlite for each row, where both ran. */
export function ratios(results: BackendResult[]): Record<string, number> {
  const lite = results.find((r) => r.backend === 'pglite');
  const pg = results.find((r) => r.backend === 'postgres');
  const out: Record<string, number> = {};
  if (!lite || !pg) return out;
  for (const [, rows] of SECTIONS) for (const row of rows) if (row.value(lite) !== 0) out[row.label] = row.value(pg) / row.value(lite);
  return out;
}

export function printReport(results: BackendResult[], web: WebSize | null, checks: TargetCheck[], notes: string[]): string {
  const lite = results.find((r) => r.backend === 'pglite');
  const pg = results.find((r) => r.backend === 'postgres');
  const ratio = ratios(results);
  const lines: string[] = [];
  for (const [title, rows] of SECTIONS) {
    lines.push('', title);
    const body = rows.map((row) => [
      `  ${row.label}`,
      lite ? row.format(row.value(lite)) : '—',
      pg ? row.format(row.value(pg)) : '—',
      ratio[row.label] !== undefined ? `${ratio[row.label]!.toFixed(2)}×` : '—',
    ]);
    lines.push(table([['', 'PGlite', 'PostgreSQL', 'PG ÷ PGlite'], ...body]));
  }
  lines.push('', 'Web app, initial JavaScript');
  if (web) {
    lines.push(table([['', 'raw', 'gzipped'], ...web.files.map((f) => [`  ${f.path}`, `${(f.bytes / 1024).toFixed(1)} KB`, `${(f.gzipBytes / 1024).toFixed(1)} KB`]), ['  total', `${(web.bytes / 1024).toFixed(1)} KB`, `${(web.gzipBytes / 1024).toFixed(1)} KB`]]));
  } else {
    lines.push('  not measured: apps/web/dist/index.html does not exist (run `npm run build:web` first).');
  }
  lines.push('', 'Targets');
  lines.push(table([['', 'target', 'measured', ''], ...checks.map((c) => [`  ${c.what}`, c.target, c.value, c.met === null ? 'not measured' : c.met ? 'met' : 'MISSED'])]));
  if (notes.length) lines.push('', 'Notes', ...notes.map((n) => `  - ${n}`));
  const text = lines.join('\n');
  console.log(text);
  return text;
}
