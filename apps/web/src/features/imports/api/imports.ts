// Directory imports: upload the CCD files (with upload progress: fetch cannot report it, so this one
// call uses XMLHttpRequest), read a preview's counts, problems and changes a page at a time, apply
// or discard it; suggest feeder patterns, edit them, apply them.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FeederAssignmentsUpdate, FeederReview, ImportChangePage, ImportPersonPage, ImportProblemPage, ImportRun, RoleMappingUpdate, SessionInfo } from '@trellis/core';
import { api, withQuery } from '../../../lib/api';
import { ProblemError, type FieldIssue } from '../../../lib/problem';
import { SESSION_KEY } from '../../../lib/session';

export const importKeys = {
  run: (id: string) => ['imports', 'run', id] as const,
  problems: (id: string, page: number) => ['imports', 'run', id, 'problems', page] as const,
  changes: (id: string, page: number) => ['imports', 'run', id, 'changes', page] as const,
  feeders: (id: string, page: number) => ['imports', 'run', id, 'feeders', page] as const,
  people: (id: string, page: number) => ['imports', 'run', id, 'people', page] as const,
};

/** Where each kind of directory file is previewed. */
export type ImportSource = 'ccd' | 'oneroster' | 'edfi';
const PREVIEW_URL: Record<ImportSource, string> = { ccd: '/api/imports/ccd/preview', oneroster: '/api/imports/oneroster/preview', edfi: '/api/imports/edfi/preview' };

const runPath = (id: string) => `/api/imports/ccd/runs/${id}`;

export interface UploadProgress {
  /** 0–100 while the files go up; null once they are up and the server reads them. */
  percent: number | null;
}

/** Sends the chosen files as a form; `onProgress` follows the upload. */
export function useUploadDirectory(onProgress: (p: UploadProgress) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ unitId, files, feeders, source = 'ccd' }: { unitId: string; files: Record<string, File | File[]>; feeders?: boolean; source?: ImportSource }) =>
      new Promise<ImportRun>((resolve, reject) => {
        const form = new FormData();
        for (const [slot, file] of Object.entries(files)) for (const f of Array.isArray(file) ? file : [file]) form.append(slot, f, f.name);
        const xhr = new XMLHttpRequest();
        xhr.open('POST', withQuery(feeders ? '/api/imports/ccd/feeders/preview' : PREVIEW_URL[source], { unitId }));
        xhr.setRequestHeader('accept', 'application/json, application/problem+json');
        const csrf = queryClient.getQueryData<SessionInfo>(SESSION_KEY)?.csrfToken;
        if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
        xhr.upload.onprogress = (e) => onProgress({ percent: e.lengthComputable ? Math.round((e.loaded / e.total) * 100) : null });
        xhr.upload.onload = () => onProgress({ percent: null });
        xhr.onerror = () => reject(new ProblemError(0, 'No connection', 'Could not reach the Trellis server. Check your connection and try again.'));
        xhr.onload = () => {
          let body: { title?: string; detail?: string; errors?: FieldIssue[] } = {};
          try {
            body = JSON.parse(xhr.responseText);
          } catch {
            body = {};
          }
          if (xhr.status >= 200 && xhr.status < 300) resolve(body as unknown as ImportRun);
          else reject(new ProblemError(xhr.status, body.title ?? 'Error', body.detail ?? `The server answered ${xhr.status}.`, Array.isArray(body.errors) ? body.errors : []));
        };
        xhr.send(form);
      }),
    onSuccess: (run) => queryClient.setQueryData(importKeys.run(run.id), run),
  });
}

export const useImportRun = (id: string | null) =>
  useQuery({ queryKey: importKeys.run(id ?? ''), queryFn: () => api<ImportRun>(runPath(id!)), enabled: id !== null });

export const useImportProblems = (id: string, page: number, enabled: boolean) =>
  useQuery({ queryKey: importKeys.problems(id, page), queryFn: () => api<ImportProblemPage>(withQuery(`${runPath(id)}/problems`, { page, pageSize: 25 })), enabled, placeholderData: keepPreviousData });

export const useImportChanges = (id: string, page: number) =>
  useQuery({ queryKey: importKeys.changes(id, page), queryFn: () => api<ImportChangePage>(withQuery(`${runPath(id)}/changes`, { page, pageSize: 25 })), placeholderData: keepPreviousData });

export const useFeederReview = (id: string, page: number) =>
  useQuery({ queryKey: importKeys.feeders(id, page), queryFn: () => api<FeederReview>(withQuery(`${runPath(id)}/feeders`, { page, pageSize: 5 })), placeholderData: keepPreviousData });

function useRefreshRun() {
  const queryClient = useQueryClient();
  return (run: ImportRun) => {
    queryClient.setQueryData(importKeys.run(run.id), run);
    void queryClient.invalidateQueries({ queryKey: ['imports', 'run', run.id] });
    // The organization tree changed.
    void queryClient.invalidateQueries({ queryKey: ['units'] });
  };
}

export function useApplyImport() {
  const refresh = useRefreshRun();
  return useMutation({ mutationFn: ({ id, version, skipProblems }: { id: string; version: number; skipProblems: boolean }) => api<ImportRun>(`${runPath(id)}/apply`, { method: 'POST', body: { version, skipProblems } }), onSuccess: refresh });
}

export function useDiscardImport() {
  const refresh = useRefreshRun();
  return useMutation({ mutationFn: ({ id, version }: { id: string; version: number }) => api<ImportRun>(`${runPath(id)}/discard`, { method: 'POST', body: { version } }), onSuccess: refresh });
}

export function useSuggestFeeders() {
  const refresh = useRefreshRun();
  return useMutation({ mutationFn: (unitId: string) => api<ImportRun>('/api/imports/ccd/feeders/suggest', { method: 'POST', body: { unitId } }), onSuccess: refresh });
}

export function useEditFeeders(id: string) {
  const refresh = useRefreshRun();
  return useMutation({ mutationFn: (body: FeederAssignmentsUpdate) => api<ImportRun>(`${runPath(id)}/feeders`, { method: 'PUT', body }), onSuccess: refresh });
}

export const useImportPeople = (id: string, page: number) =>
  useQuery({ queryKey: importKeys.people(id, page), queryFn: () => api<ImportPersonPage>(withQuery(`/api/imports/oneroster/runs/${id}/people`, { page, pageSize: 25 })), placeholderData: keepPreviousData });

/** Saves the reviewed OneRoster role → grant mapping of a run. */
export function useEditRoleMapping(id: string) {
  const refresh = useRefreshRun();
  return useMutation({ mutationFn: (body: RoleMappingUpdate) => api<ImportRun>(`/api/imports/oneroster/runs/${id}/roles`, { method: 'PUT', body }), onSuccess: refresh });
}
