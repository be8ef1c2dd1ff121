import type { Unit } from '@trellis/core';
import { UNIT_KIND_LABELS } from '@trellis/core';
import { DetailList } from '../../../components/DetailList';
import { formatDateTime, formatNumber } from '../../../lib/format';

const grade = (g: string) => (g === 'PK' ? 'Pre-K' : g === 'KG' ? 'K' : String(Number(g)));
const notSet = '—';

export function UnitDetails({ unit }: { unit: Unit }) {
  return (
    <DetailList
      items={[
        { label: 'Kind', value: UNIT_KIND_LABELS[unit.kind] },
        { label: 'NCES id', value: unit.ncesId ?? notSet },
        { label: 'State id', value: unit.stateId ?? notSet },
        { label: 'Grades', value: unit.gradeLow && unit.gradeHigh ? `${grade(unit.gradeLow)}–${grade(unit.gradeHigh)}` : notSet },
        { label: 'Enrollment', value: unit.enrollment === null ? notSet : formatNumber(unit.enrollment) },
        { label: 'Status', value: unit.archived ? 'Archived' : 'Active' },
        { label: 'Last changed', value: formatDateTime(unit.updatedAt) },
      ]}
    />
  );
}
