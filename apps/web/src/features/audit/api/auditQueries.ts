// The audit trail, newest first, 50 events a page; the next page starts before the last id seen.
import { infiniteQueryOptions } from '@tanstack/react-query';
import type { AuditEvent } from '@trellis/core';
import { api, withQuery } from '../../../lib/api';

export const AUDIT_PAGE = 50;

export interface AuditFilters {
  actorId?: string | undefined;
  entityType?: string | undefined;
}

export const auditQuery = (filters: AuditFilters) =>
  infiniteQueryOptions({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam, signal }) => api<AuditEvent[]>(withQuery('/api/audit', { ...filters, before: pageParam, limit: AUDIT_PAGE }), { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.length === AUDIT_PAGE ? last.at(-1)?.id : undefined),
    // The trail grows with every change made elsewhere in the app: always fetch it fresh.
    staleTime: 0,
  });
