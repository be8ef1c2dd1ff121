import { NCES_ID_DIGITS, UNIT_KIND_LABELS, type Unit } from '@trellis/core';
import { DetailList } from '../../../components/DetailList';
import { formatDateTime, formatNumber } from '../../../lib/format';

const grade = (g: string) => (g === 'PK' ? 'Pre-K' : g === 'KG' ? 'K' : String(Number(g)));
const notSet = '—';

/** Details of a unit; identifiers and grades only for the kinds that have them (or when set anyway). */
export function UnitDetails({ unit }: { unit: Unit }) {
  const enrols = unit.kind === 'school' || unit.kind === 'district';
  const items = [
    { label: 'Kind', value: UNIT_KIND_LABELS[unit.kind] },
    ...(NCES_ID_DIGITS[unit.kind] !== undefined || unit.ncesId ? [{ label: 'NCES id', value: unit.ncesId ?? notSet }] : []),
    { label: 'State id', value: unit.stateId ?? notSet },
    ...(enrols || unit.gradeLow ? [{ label: 'Grades', value: unit.gradeLow && unit.gradeHigh ? `${grade(unit.gradeLow)}–${grade(unit.gradeHigh)}` : notSet }] : []),
    ...(enrols || unit.enrollment !== null ? [{ label: 'Enrollment', value: unit.enrollment === null ? notSet : formatNumber(unit.enrollment) }] : []),
    { label: 'Status', value: unit.archived ? 'Archived' : 'Active' },
    { label: 'Last changed', value: formatDateTime(unit.updatedAt) },
  ];
  return <DetailList items={items} />;
}
