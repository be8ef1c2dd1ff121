// Pick a unit by typing its name, NCES id or state id (GET /api/units?q=).
import type { Unit, UnitKind } from '@trellis/core';
import { UNIT_KIND_LABELS } from '@trellis/core';
import { api, withQuery } from '../lib/api';
import { SearchSelect, type SearchOption } from './SearchSelect';

interface UnitPickerProps {
  label: string;
  description?: string;
  required?: boolean;
  error?: string | undefined;
  value: SearchOption | null;
  onChange: (option: SearchOption | null) => void;
  /** Only units of these kinds are offered (e.g. the kinds a unit may be moved under). */
  kinds?: readonly UnitKind[];
  /** A unit never offered, e.g. the one being moved. */
  excludeId?: string;
  'data-testid'?: string;
}

export const unitOption = (u: Pick<Unit, 'id' | 'name' | 'kind' | 'ncesId'>): SearchOption => ({
  value: u.id,
  label: `${u.name} (${UNIT_KIND_LABELS[u.kind]}${u.ncesId ? `, NCES ${u.ncesId}` : ''})`,
});

export function UnitPicker({ kinds, excludeId, ...props }: UnitPickerProps) {
  const kindKey = kinds ? kinds.join(',') : 'all';
  return (
    <SearchSelect
      {...props}
      placeholder="Type a name or NCES id"
      queryKey={['units', 'picker', kindKey, excludeId ?? '']}
      search={async (q, signal) => {
        const units = await api<Unit[]>(withQuery('/api/units', { q, kind: kinds?.length === 1 ? kinds[0] : undefined, limit: 30 }), { signal });
        return units.filter((u) => u.id !== excludeId && (!kinds || kinds.includes(u.kind))).map(unitOption);
      }}
    />
  );
}
