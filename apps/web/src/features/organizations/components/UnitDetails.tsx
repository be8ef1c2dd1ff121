import { Anchor, VisuallyHidden } from '@mantine/core';
import { NCES_ID_DIGITS, OPERATIONAL_STATUS_LABELS, SCHOOL_LEVEL_LABELS, SCHOOL_TYPE_LABELS, UNIT_KIND_LABELS, type UnitDetail } from '@trellis/core';
import { DetailList } from '../../../components/DetailList';
import { formatDateTime, formatNumber } from '../../../lib/format';

const grade = (g: string) => (g === 'PK' ? 'Pre-K' : g === 'KG' ? 'K' : String(Number(g)));
const notSet = '—';

/**
 * Details of a unit; identifiers and grades only for the kinds that have them (or when set anyway),
 * and what a directory import recorded (address, level, type, charter, NCES status) when it did.
 */
export function UnitDetails({ unit }: { unit: UnitDetail }) {
  const enrols = unit.kind === 'school' || unit.kind === 'district';
  const d = unit.directory;
  const street = [d.address, [d.city, d.zip].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const located = d.latitude !== null && d.longitude !== null;
  const items = [
    { label: 'Kind', value: UNIT_KIND_LABELS[unit.kind] },
    ...(NCES_ID_DIGITS[unit.kind] !== undefined || unit.ncesId ? [{ label: 'NCES id', value: unit.ncesId ?? notSet }] : []),
    { label: 'State id', value: unit.stateId ?? notSet },
    ...(enrols || unit.gradeLow ? [{ label: 'Grades', value: unit.gradeLow && unit.gradeHigh ? `${grade(unit.gradeLow)}–${grade(unit.gradeHigh)}` : notSet }] : []),
    ...(enrols || unit.enrollment !== null ? [{ label: 'Enrollment', value: unit.enrollment === null ? notSet : formatNumber(unit.enrollment) }] : []),
    ...(d.level ? [{ label: 'School level', value: SCHOOL_LEVEL_LABELS[d.level] }] : []),
    ...(d.schoolType !== null ? [{ label: 'School type', value: SCHOOL_TYPE_LABELS[d.schoolType] ?? `Type ${d.schoolType}` }] : []),
    ...(d.charter !== null ? [{ label: 'Charter', value: d.charter ? 'Yes' : 'No' }] : []),
    ...(street ? [{ label: 'Address', value: street }] : []),
    ...(located
      ? [
          {
            label: 'Location',
            value: (
              <Anchor href={`https://www.openstreetmap.org/?mlat=${d.latitude}&mlon=${d.longitude}#map=15/${d.latitude}/${d.longitude}`} target="_blank" rel="noreferrer">
                {d.latitude!.toFixed(4)}, {d.longitude!.toFixed(4)}
                <VisuallyHidden> (map, opens in a new tab)</VisuallyHidden>
              </Anchor>
            ),
          },
        ]
      : []),
    ...(d.operationalStatus ? [{ label: 'NCES status', value: OPERATIONAL_STATUS_LABELS[d.operationalStatus] }] : []),
    { label: 'Status', value: unit.archived ? 'Archived' : 'Active' },
    { label: 'Last changed', value: formatDateTime(unit.updatedAt) },
  ];
  return <DetailList items={items} />;
}
