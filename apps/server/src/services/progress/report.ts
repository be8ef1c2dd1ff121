// The progress report of a unit for a period, for the governing body: phase, mechanisms, plan
// progress, the benchmark roll-up, barriers opened and solved, the readiness trend and celebrations.
// The same figures feed the on-screen report, the unit overview and the PDF.
import PDFDocument from 'pdfkit';
import {
  authorize,
  barrierPeriodSummary,
  BENCHMARK_DEFAULT_INSTRUMENT,
  BENCHMARK_RATING_LABELS,
  BENCHMARK_RATINGS,
  barrierStaleness,
  MECHANISM_STATUS_LABELS,
  mechanismKindEntry,
  notFound,
  parseProgressPeriod,
  PLAN_PHASE_CATALOG,
  PLAN_PHASES,
  PLAN_STATUS_LABELS,
  planProgress,
  rollUp,
  unitPhase,
  type PlanProgress,
} from '@trellis/core';
import { findUnit, listBarriers, listCelebrations, listDescendantPlans, listProgressTasks, listUnitMechanisms, listUnitPlans } from '@trellis/db';
import type { ServiceContext } from '../../context.js';
import { benchmarkRollUp, benchmarkTrend } from './benchmarks.js';
import { proposedCelebrations, publicCelebration } from './celebrations.js';
import { readinessResultsOf } from './readiness.js';

const today = () => new Date().toISOString().slice(0, 10);

export async function progressReport(ctx: ServiceContext, unitId: string, period: string) {
  const unit = await findUnit(ctx.db, unitId);
  if (!unit) throw notFound('The unit');
  authorize(ctx.caller, 'progress.read', unit.path);
  const { start, end } = parseProgressPeriod(period);

  const plans = (await listUnitPlans(ctx.db, unit.id)).filter((p) => p.status !== 'superseded');
  const below = (await Promise.all(plans.map((p) => listDescendantPlans(ctx.db, p.id)))).flat();
  const tasks = await listProgressTasks(ctx.db, [...plans, ...below].map((p) => p.id));
  const progressOf = (id: string): PlanProgress => planProgress(tasks.filter((t) => t.planId === id));
  const own = plans.map((p) => ({ id: p.id, title: p.title, status: p.status, statusLabel: PLAN_STATUS_LABELS[p.status], planVersion: p.planVersion, progress: progressOf(p.id) }));
  const ownRollUp = rollUp(own.map((p) => p.progress));
  const phase = unitPhase(ownRollUp);

  const mechanisms = (await listUnitMechanisms(ctx.db, unit.id)).map((m) => ({ id: m.id, name: m.name, kind: m.kind, kindLabel: mechanismKindEntry(m.kind).name, status: m.status, statusLabel: MECHANISM_STATUS_LABELS[m.status] }));

  const barriers = await listBarriers(ctx.db, unit, { subtree: true });
  const timing = barriers.map((b) => ({ status: b.status, raisedOn: b.raisedOn, updatedAt: b.lastUpdateOn, targetOn: b.targetOn, resolvedOn: b.resolvedOn }));
  const on = end < today() ? end : today();
  const hasUnitsBelow = unit.kind !== 'school' && unit.kind !== 'department';

  const [trend, rollUpBelow, readiness, celebrations, proposed] = await Promise.all([
    benchmarkTrend(ctx, unit.id),
    hasUnitsBelow ? benchmarkRollUp(ctx, unit.id, { period, behindLimit: 0 }) : Promise.resolve(null), // the report gives the units behind as a count
    readinessResultsOf(ctx, unit.id),
    listCelebrations(ctx.db, unit, { subtree: true }),
    proposedCelebrations(ctx.db, unit),
  ]);

  return {
    unit: { id: unit.id, name: unit.name, kind: unit.kind },
    period,
    periodStart: start,
    periodEnd: end,
    generatedOn: today(),
    phase: phase ? { key: phase, number: PLAN_PHASE_CATALOG[phase].number, label: PLAN_PHASE_CATALOG[phase].label } : null,
    mechanisms,
    plans: { plans: own, rollUp: ownRollUp, withPlansBelow: rollUp([ownRollUp, ...below.map((p) => progressOf(p.id))]), plansBelow: below.length },
    benchmarks: {
      instrument: { id: BENCHMARK_DEFAULT_INSTRUMENT.id, version: BENCHMARK_DEFAULT_INSTRUMENT.version, name: BENCHMARK_DEFAULT_INSTRUMENT.name },
      trend: trend.map((p) => ({ period: p.period, overall: p.overall, meanChange: p.meanChange })),
      rollUp: rollUpBelow ? { level: rollUpBelow.level, current: { unitsInScope: rollUpBelow.current.unitsInScope, unitsAssessed: rollUpBelow.current.unitsAssessed, overall: rollUpBelow.current.overall, areas: rollUpBelow.current.areas }, change: rollUpBelow.change.overall, unitsBehind: rollUpBelow.unitsBehindTotal } : null,
    },
    barriers: {
      summary: barrierPeriodSummary(timing, period),
      open: barriers.filter((b) => b.status === 'open' || b.status === 'in_progress').length,
      stale: timing.filter((t) => barrierStaleness(t, on).stale).length,
    },
    readiness: readiness.trend.map((p) => ({ period: p.period, status: p.status, respondents: p.respondents, mean: p.status === 'shown' ? p.mean : null, meanChange: p.meanChange })),
    celebrations: celebrations.filter((c) => c.celebratedOn >= start && c.celebratedOn <= end).map(publicCelebration),
    proposedCelebrations: proposed.length,
  };
}

export type ProgressReport = Awaited<ReturnType<typeof progressReport>>;

const pct = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);

/** The report as a PDF: the figures in words, with bar charts whose values are printed beside them. */
export async function progressReportPdf(ctx: ServiceContext, unitId: string, period: string): Promise<{ fileName: string; body: Buffer }> {
  const r = await progressReport(ctx, unitId, period);
  const doc = new PDFDocument({ size: 'LETTER', margin: 54, info: { Title: `Progress report: ${r.unit.name}, ${r.period}`, Author: 'Trellis', Subject: 'Progress report for the governing body' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 108;

  const heading = (text: string) => doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor('#1a3d5c').text(text).moveDown(0.3).font('Helvetica').fontSize(10).fillColor('#222');
  const line = (text: string) => doc.text(text, { width });
  /** A labelled horizontal bar, the value written beside it. */
  const bar = (label: string, share: number | null, note: string) => {
    const y = doc.y;
    doc.fontSize(9).fillColor('#222').text(label, 54, y, { width: 190 });
    const x = 250;
    const w = 200;
    doc.rect(x, y + 1, w, 9).fill('#e6ecf2');
    if (share !== null && share > 0) doc.rect(x, y + 1, Math.max(1, w * Math.min(1, share)), 9).fill('#2f6f9f');
    doc.fillColor('#222').text(note, x + w + 8, y, { width: width - (x + w + 8 - 54) });
    doc.x = 54;
    doc.y = Math.max(doc.y, y + 14);
  };

  doc.font('Helvetica-Bold').fontSize(18).fillColor('#1a3d5c').text(`Progress report: ${r.unit.name}`);
  doc.font('Helvetica').fontSize(11).fillColor('#222').text(`Period ${r.period} (${r.periodStart} to ${r.periodEnd}) · prepared ${r.generatedOn} with Trellis`);

  heading('Phase');
  line(r.phase ? `Phase ${r.phase.number}: ${r.phase.label} (the first phase of the unit’s plans with work still open).` : 'No phased plan tasks yet, so no phase is shown.');

  heading('Mechanisms');
  if (r.mechanisms.length === 0) line('No mechanisms are established at this unit yet.');
  for (const m of r.mechanisms) line(`• ${m.name} (${m.kindLabel}) — ${m.statusLabel}`);

  heading('Plan progress');
  if (r.plans.plans.length === 0) line('No plans at this unit yet.');
  for (const p of r.plans.plans) bar(`${p.title} (v${p.planVersion}, ${p.statusLabel.toLowerCase()})`, p.progress.overall.share, `${p.progress.overall.done} of ${p.progress.overall.total} tasks done (${pct(p.progress.overall.share)})`);
  for (const phase of PLAN_PHASES) {
    const c = r.plans.rollUp.byPhase[phase];
    if (c.total > 0) bar(`  ${PLAN_PHASE_CATALOG[phase].label}`, c.share, `${c.done} of ${c.total} (${pct(c.share)})${c.blocked ? `, ${c.blocked} blocked` : ''}`);
  }
  if (r.plans.plansBelow > 0) line(`With the ${r.plans.plansBelow} plans spawned below it: ${r.plans.withPlansBelow.overall.done} of ${r.plans.withPlansBelow.overall.total} tasks done (${pct(r.plans.withPlansBelow.overall.share)}).`);

  heading('Benchmarks');
  const last = r.benchmarks.trend.at(-1);
  if (last) bar(`This unit, ${last.period}`, last.overall.mean === null ? null : last.overall.mean / 3, `mean ${last.overall.mean?.toFixed(2) ?? '—'} of 3; ${pct(last.overall.fullyInPlaceShare)} fully in place`);
  else line('This unit has no submitted benchmark assessment yet.');
  if (r.benchmarks.rollUp) {
    const o = r.benchmarks.rollUp.current.overall;
    line(`Across the ${r.benchmarks.rollUp.current.unitsInScope} ${r.benchmarks.rollUp.level.replace('_', ' ')}s below: ${r.benchmarks.rollUp.current.unitsAssessed} assessed, ${r.benchmarks.rollUp.unitsBehind} behind.`);
    for (const rating of BENCHMARK_RATINGS) bar(`  ${BENCHMARK_RATING_LABELS[rating]}`, o.rated ? o.counts[rating] / o.rated : null, `${o.counts[rating]} ratings`);
    if (r.benchmarks.rollUp.change.mean !== null) line(`Change of the mean since the period before: ${r.benchmarks.rollUp.change.mean >= 0 ? '+' : ''}${r.benchmarks.rollUp.change.mean.toFixed(2)}.`);
  }

  heading('Barriers');
  const b = r.barriers.summary;
  line(`Opened this period: ${b.opened}. Resolved: ${b.resolved}${b.medianDaysToResolution !== null ? ` (median ${b.medianDaysToResolution} days to resolve)` : ''}. Dropped: ${b.dropped}. Open now: ${r.barriers.open}, of which ${r.barriers.stale} need attention.`);

  heading('Readiness and commitment');
  if (r.readiness.length === 0) line('No readiness survey has been answered yet.');
  for (const p of r.readiness) {
    if (p.status === 'withheld') line(`• ${p.period}: ${p.respondents} answered — results are shown once at least five have answered.`);
    else bar(`${p.period} (${p.respondents} answered)`, p.mean === null ? null : (p.mean - 1) / 4, `mean ${p.mean?.toFixed(2) ?? '—'} on 1–5${p.meanChange !== null ? `, ${p.meanChange >= 0 ? '+' : ''}${p.meanChange.toFixed(2)}` : ''}`);
  }

  heading('Celebrations');
  if (r.celebrations.length === 0) line('None recorded in this period.');
  for (const c of r.celebrations) line(`• ${c.celebratedOn} — ${c.title}${c.unitId !== r.unit.id ? ` (${c.unitName})` : ''}`);

  doc.end();
  const slug = r.unit.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'unit';
  return { fileName: `progress-report-${slug}-${r.period}.pdf`, body: await done };
}
