// Reading a unit's benchmark instruments with who owns each (the shipped checklist, the agency's own),
// who built it and whether it is retired; and the people of a unit, for naming who assessed. The
// instruments share their key with progressQueries' instrumentsQuery: the same answer, typed fully.
import { queryOptions } from '@tanstack/react-query';
import type { BenchmarkInstrument, Person, ReadinessSurveyInstrument } from '@trellis/core';
import { api, withQuery } from '../../../lib/api';
import { progressKeys } from './progressQueries';

export interface InstrumentMeta {
  owner: { unitId: string; unitName: string } | null;
  createdAt: string | null;
  createdByName: string | null;
  retiredAt: string | null;
  retiredByName: string | null;
}

export type BenchmarkInstrumentRecord = BenchmarkInstrument & InstrumentMeta;

export interface InstrumentListRecord {
  benchmark: BenchmarkInstrumentRecord[];
  readiness: (ReadinessSurveyInstrument & InstrumentMeta)[];
}

export const instrumentRef = (i: { id: string; version: string }) => `${i.id}@${i.version}`;

export const unitInstrumentsQuery = (unitId: string) =>
  queryOptions({
    queryKey: [...progressKeys.unit(unitId), 'instruments'],
    queryFn: ({ signal }) => api<InstrumentListRecord>(`/api/units/${encodeURIComponent(unitId)}/progress-instruments`, { signal }),
    staleTime: 10 * 60_000,
  });

/** People whose home is the unit or a unit below it (at most 200), by name. */
export const unitPeopleQuery = (unitId: string) =>
  queryOptions({
    queryKey: ['people', 'unit', unitId],
    queryFn: ({ signal }) => api<{ people: Person[]; total: number }>(withQuery('/api/people', { unitId, limit: 200 }), { signal }),
  });
