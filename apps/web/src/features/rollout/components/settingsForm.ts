// The settings form's values and their conversion to and from the API's RolloutSettings. Numbers
// stay as typed (NumberInput gives '' when empty) until the form is checked.
import { RolloutScenarioUpdate, ROLLOUT_PRIORITY_KEYS, type RolloutPhaseKind, type RolloutPriorityKey, type RolloutSettings } from '@trellis/core';
import { zodFieldErrors, type FieldErrors } from '../../../lib/forms';

type NumberValue = number | string;

export interface FacilitatorRow {
  /** React key of the row: stays with the row when others are removed. */
  key: string;
  id: string;
  name: string;
  capacity: NumberValue;
  region: string;
}

export interface PhaseRow {
  key: string;
  name: string;
  kind: RolloutPhaseKind;
  months: NumberValue;
  load: NumberValue;
}

export interface SettingsValues {
  name: string;
  startMonth: string;
  blackoutMonths: string[];
  cadreMode: 'count' | 'named';
  count: NumberValue;
  capacity: NumberValue;
  facilitators: FacilitatorRow[];
  phases: PhaseRow[];
  priorityMode: 'by' | 'order';
  /** Up to three keys, '' for none. */
  priorityBy: (RolloutPriorityKey | '')[];
  /** Subset ids, first to start first. */
  priorityOrder: string[];
  subsetStartsTogether: boolean;
  keepFacilitatorOfSitesUnderWay: boolean;
  /** Per school (by unit id): scores and a phase already under way, as typed. */
  sites: Record<string, SiteRow>;
}

/** One school's overrides in the form: empty scores are not sent; the phase only when under way. */
export interface SiteRow {
  need: NumberValue;
  readiness: NumberValue;
  underWay: boolean;
  phase: string;
  monthInPhase: NumberValue;
  facilitatorId: string;
}

export const EMPTY_SITE: SiteRow = { need: '', readiness: '', underWay: false, phase: '', monthInPhase: 1, facilitatorId: '' };

/** The facilitators a school under way may keep: the named ones, or facilitator-1 … N of a count. */
export function cadreChoices(values: Pick<SettingsValues, 'cadreMode' | 'count' | 'facilitators'>): { id: string; name: string }[] {
  if (values.cadreMode === 'named') return values.facilitators.map((f, i) => ({ id: f.id, name: f.name.trim() || `Facilitator ${i + 1}` }));
  const n = Math.max(1, Math.min(1000, Math.floor(Number(values.count) || 1)));
  return Array.from({ length: n }, (_, i) => ({ id: `facilitator-${i + 1}`, name: `Facilitator ${i + 1}` }));
}

function sitesFrom(overrides: RolloutSettings['siteOverrides']): Record<string, SiteRow> {
  return Object.fromEntries(
    Object.entries(overrides ?? {}).map(([id, o]) => [
      id,
      {
        need: o.need ?? '',
        readiness: o.readiness ?? '',
        underWay: o.underWay !== undefined,
        phase: o.underWay?.phase ?? '',
        monthInPhase: o.underWay?.monthInPhase ?? 1,
        facilitatorId: o.underWay?.facilitatorId ?? '',
      },
    ]),
  );
}

let rowCounter = 0;
export const newRowKey = () => `row-${++rowCounter}`;

/** A facilitator id not yet taken: facilitator-N, as a counted cadre names them. */
export function nextFacilitatorId(rows: readonly FacilitatorRow[]): string {
  const taken = new Set(rows.map((r) => r.id));
  let n = rows.length + 1;
  while (taken.has(`facilitator-${n}`)) n++;
  return `facilitator-${n}`;
}

/** Counted facilitators written out by name (the same ids the scheduler gives them). */
export function countedAsNamed(count: NumberValue, capacity: NumberValue): FacilitatorRow[] {
  const n = Math.max(1, Math.min(50, Math.floor(Number(count) || 1)));
  return Array.from({ length: n }, (_, i) => ({ key: newRowKey(), id: `facilitator-${i + 1}`, name: `Facilitator ${i + 1}`, capacity, region: '' }));
}

/** The scenario's groups in the order the form starts from: the explicit order, then the rest as listed. */
export function orderedSubsets(settings: RolloutSettings, subsetIds: readonly string[]): string[] {
  const explicit = 'order' in settings.priority ? settings.priority.order.filter((id) => subsetIds.includes(id)) : [];
  return [...explicit, ...subsetIds.filter((id) => !explicit.includes(id))];
}

export function valuesFrom(name: string, settings: RolloutSettings, subsetIds: readonly string[]): SettingsValues {
  const { cadre, priority } = settings;
  const by = 'by' in priority ? priority.by : [];
  return {
    name,
    startMonth: settings.startMonth,
    blackoutMonths: settings.blackoutMonths.map(String),
    cadreMode: 'count' in cadre ? 'count' : 'named',
    count: 'count' in cadre ? cadre.count : cadre.facilitators.length,
    capacity: 'count' in cadre ? cadre.capacity : (cadre.facilitators[0]?.capacity ?? 3),
    facilitators:
      'facilitators' in cadre
        ? cadre.facilitators.map((f) => ({ key: newRowKey(), id: f.id, name: f.name, capacity: f.capacity, region: f.region ?? '' }))
        : countedAsNamed(cadre.count, cadre.capacity),
    phases: settings.phases.map((p) => ({ key: newRowKey(), name: p.name, kind: p.kind, months: p.months, load: p.load })),
    priorityMode: 'order' in priority ? 'order' : 'by',
    priorityBy: [0, 1, 2].map((i) => by[i] ?? ''),
    priorityOrder: orderedSubsets(settings, subsetIds),
    subsetStartsTogether: settings.constraints.subsetStartsTogether,
    keepFacilitatorOfSitesUnderWay: settings.constraints.keepFacilitatorOfSitesUnderWay,
    sites: sitesFrom(settings.siteOverrides),
  };
}

const ENTER_A_NUMBER = 'Enter a number';

/** The settings as the API takes them, with errors for what cannot be sent (empty numbers, a key twice). */
export function settingsFrom(values: SettingsValues, subsetIds: readonly string[] = []): { settings: unknown; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const num = (v: NumberValue, field: string) => {
    if (v === '' || v === null || v === undefined || Number.isNaN(Number(v))) {
      errors[field] = ENTER_A_NUMBER;
      return 0;
    }
    return Number(v);
  };
  const cadre =
    values.cadreMode === 'count'
      ? { count: num(values.count, 'settings.cadre.count'), capacity: num(values.capacity, 'settings.cadre.capacity') }
      : {
          facilitators: values.facilitators.map((f, i) => ({
            id: f.id,
            name: f.name,
            capacity: num(f.capacity, `settings.cadre.facilitators.${i}.capacity`),
            ...(f.region.trim() ? { region: f.region.trim() } : {}),
          })),
        };
  const by = values.priorityBy.filter((k): k is RolloutPriorityKey => k !== '');
  values.priorityBy.forEach((k, i) => {
    if (k !== '' && values.priorityBy.indexOf(k) !== i) errors[`settings.priority.by.${i}`] = 'Choose each key once';
  });
  const settings = {
    startMonth: values.startMonth.trim(),
    blackoutMonths: values.blackoutMonths.map(Number).sort((a, b) => a - b),
    phases: values.phases.map((p, i) => ({ name: p.name, kind: p.kind, months: num(p.months, `settings.phases.${i}.months`), load: num(p.load, `settings.phases.${i}.load`) })),
    cadre,
    priority: values.priorityMode === 'order' ? { order: [...values.priorityOrder, ...subsetIds.filter((id) => !values.priorityOrder.includes(id))] } : { by },
    constraints: { subsetStartsTogether: values.subsetStartsTogether, keepFacilitatorOfSitesUnderWay: values.keepFacilitatorOfSitesUnderWay },
  };
  const siteOverrides: Record<string, unknown> = {};
  for (const [id, row] of Object.entries(values.sites)) {
    const field = `settings.siteOverrides.${id}`;
    const score = (v: NumberValue, key: 'need' | 'readiness') => (v === '' || v === null || v === undefined ? {} : { [key]: num(v, `${field}.${key}`) });
    if (row.underWay && !row.facilitatorId) errors[`${field}.underWay.facilitatorId`] = 'Choose a facilitator';
    if (row.underWay && !row.phase) errors[`${field}.underWay.phase`] = 'Choose a phase';
    const o = {
      ...score(row.need, 'need'),
      ...score(row.readiness, 'readiness'),
      ...(row.underWay ? { underWay: { facilitatorId: row.facilitatorId, phase: row.phase, monthInPhase: num(row.monthInPhase, `${field}.underWay.monthInPhase`) } } : {}),
    };
    if (Object.keys(o).length > 0) siteOverrides[id] = o;
  }
  if (Object.keys(siteOverrides).length > 0) Object.assign(settings, { siteOverrides });
  return { settings, errors };
}

/** The form checked as an update: the input to send, or the errors to show. */
export function checkUpdate(values: SettingsValues, version: number, subsetIds: readonly string[] = []): { input: RolloutScenarioUpdate | null; errors: FieldErrors } {
  const { settings, errors } = settingsFrom(values, subsetIds);
  const parsed = RolloutScenarioUpdate.safeParse({ version, name: values.name, settings });
  const all = { ...(parsed.success ? {} : zodFieldErrors(parsed.error)), ...errors };
  return Object.keys(all).length > 0 || !parsed.success ? { input: null, errors: all } : { input: parsed.data, errors: {} };
}

export const PRIORITY_KEYS = ROLLOUT_PRIORITY_KEYS;
