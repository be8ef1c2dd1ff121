// Changing resource maps: resources one by one, a whole file imported (previewed first), snapshots
// and recommendations. Each change refreshes the unit's map, since every finding may move.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ResourceCreate, ResourcePriorityNeedCreate, ResourcePriorityNeedUpdate, ResourceRecommendationCreate, ResourceRecommendationUpdate, ResourceSnapshotCreate, ResourceUpdate, SessionInfo } from '@trellis/core';
import { api } from '../../../lib/api';
import { ProblemError, type FieldIssue } from '../../../lib/problem';
import { SESSION_KEY } from '../../../lib/session';
import { importPath, resourceKeys, resourcePath, type ImportPreview, type PriorityNeedRecord, type RecommendationRecord, type ResourceRecord, type SnapshotRecord } from './resourceQueries';

function useRefreshUnit(unitId: string) {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: resourceKeys.unit(unitId) });
}

export function useCreateResource(unitId: string) {
  const refresh = useRefreshUnit(unitId);
  return useMutation({ mutationFn: (input: ResourceCreate) => api<ResourceRecord>('/api/resources', { method: 'POST', body: input }), onSuccess: refresh });
}

export function useUpdateResource(unitId: string, id: string | undefined) {
  const refresh = useRefreshUnit(unitId);
  return useMutation({ mutationFn: (input: ResourceUpdate) => api<ResourceRecord>(resourcePath(id ?? ''), { method: 'PATCH', body: input }), onSuccess: refresh });
}

export function useDeleteResource(unitId: string) {
  const refresh = useRefreshUnit(unitId);
  return useMutation({ mutationFn: (id: string) => api<void>(resourcePath(id), { method: 'DELETE' }), onSuccess: refresh });
}

/** The content type the server reads a file by: its extension decides when the browser gives none. */
export function fileType(file: File): string | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (name.endsWith('.csv')) return 'text/csv';
  return null;
}

/**
 * Sends a file as the body itself (the import routes read CSV or XLSX bytes, not JSON), with the
 * session's CSRF token; a refusal becomes a ProblemError like every other call's.
 */
function useUpload() {
  const queryClient = useQueryClient();
  return async (path: string, file: File): Promise<ImportPreview> => {
    const type = fileType(file);
    if (!type) throw new ProblemError(415, 'Not a spreadsheet', 'Choose a .csv or .xlsx file.');
    const csrf = queryClient.getQueryData<SessionInfo>(SESSION_KEY)?.csrfToken;
    let response: Response;
    try {
      response = await fetch(path, {
        method: 'POST',
        headers: { accept: 'application/json, application/problem+json', 'content-type': type, ...(csrf ? { 'x-csrf-token': csrf } : {}) },
        credentials: 'same-origin',
        body: file,
      });
    } catch {
      throw new ProblemError(0, 'No connection', 'Could not reach the Trellis server. Check your connection and try again.');
    }
    const body = (await response.json().catch(() => ({}))) as { title?: string; detail?: string; errors?: FieldIssue[] };
    if (!response.ok) {
      throw new ProblemError(response.status, body.title ?? 'Error', body.detail ?? `The server answered ${response.status}.`, Array.isArray(body.errors) ? body.errors : []);
    }
    return body as unknown as ImportPreview;
  };
}

export function usePreviewImport(unitId: string) {
  const upload = useUpload();
  return useMutation({ mutationFn: (file: File) => upload(importPath(unitId, true), file) });
}

export function useImport(unitId: string) {
  const upload = useUpload();
  const refresh = useRefreshUnit(unitId);
  return useMutation({ mutationFn: (file: File) => upload(importPath(unitId, false), file), onSuccess: refresh });
}

export function useCreateSnapshot(unitId: string) {
  const refresh = useRefreshUnit(unitId);
  return useMutation({ mutationFn: (input: ResourceSnapshotCreate) => api<SnapshotRecord>('/api/resource-snapshots', { method: 'POST', body: input }), onSuccess: refresh });
}

export function useCreateRecommendation(unitId: string) {
  const refresh = useRefreshUnit(unitId);
  return useMutation({
    mutationFn: (input: ResourceRecommendationCreate) => api<RecommendationRecord>('/api/resource-recommendations', { method: 'POST', body: input }),
    onSuccess: refresh,
  });
}

export function useUpdateRecommendation(unitId: string) {
  const refresh = useRefreshUnit(unitId);
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: ResourceRecommendationUpdate }) =>
      api<RecommendationRecord>(`/api/resource-recommendations/${encodeURIComponent(id)}`, { method: 'PATCH', body: input }),
    // A refusal (someone changed it first) also reads the list again, so the latest is on screen.
    onSettled: refresh,
  });
}

const priorityNeedPath = (id: string) => `/api/resource-priority-needs/${encodeURIComponent(id)}`;

export function useCreatePriorityNeed(unitId: string) {
  const refresh = useRefreshUnit(unitId);
  return useMutation({ mutationFn: (input: ResourcePriorityNeedCreate) => api<PriorityNeedRecord>('/api/resource-priority-needs', { method: 'POST', body: input }), onSuccess: refresh });
}

export function useUpdatePriorityNeed(unitId: string, id: string | undefined) {
  const refresh = useRefreshUnit(unitId);
  return useMutation({ mutationFn: (input: ResourcePriorityNeedUpdate) => api<PriorityNeedRecord>(priorityNeedPath(id ?? ''), { method: 'PATCH', body: input }), onSuccess: refresh });
}

export function useDeletePriorityNeed(unitId: string) {
  const refresh = useRefreshUnit(unitId);
  // A refusal (someone removed it first) also reads the list again.
  return useMutation({ mutationFn: (id: string) => api<void>(priorityNeedPath(id), { method: 'DELETE' }), onSettled: refresh });
}
