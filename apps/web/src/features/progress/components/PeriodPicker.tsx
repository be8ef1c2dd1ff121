// Choosing the quarter a progress page shows.
import { NativeSelect } from '@mantine/core';
import { periodLabel, recentQuarters } from './labels';

export function PeriodPicker({ value, onChange }: { value: string; onChange: (period: string) => void }) {
  const quarters = recentQuarters(8);
  const options = quarters.includes(value) ? quarters : [value, ...quarters];
  return <NativeSelect label="Period" data={options.map((q) => ({ value: q, label: periodLabel(q) }))} value={value} onChange={(e) => onChange(e.currentTarget.value)} style={{ minWidth: '16rem' }} />;
}
