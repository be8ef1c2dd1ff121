// Signing in and out. Both reset what the cache knows about the session.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '@trellis/core';
import { api, setCsrfToken } from '../../../lib/api';
import { SESSION_KEY } from '../../../lib/session';

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: { email: string; password: string }) => api<SessionInfo>('/api/auth/login', { method: 'POST', body: credentials }),
    onSuccess: (info) => {
      queryClient.clear();
      setCsrfToken(info.csrfToken);
      queryClient.setQueryData(SESSION_KEY, info);
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/api/auth/logout', { method: 'POST' }),
    onSettled: () => {
      setCsrfToken(null);
      queryClient.clear();
    },
  });
}
