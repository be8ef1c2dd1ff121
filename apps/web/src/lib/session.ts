// The signed-in person, their grants and the CSRF token: read once, shared by every screen.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SessionInfo } from '@trellis/core';
import { api, setCsrfToken } from './api';

export const SESSION_KEY = ['session'] as const;

export const sessionQuery = queryOptions({
  queryKey: SESSION_KEY,
  queryFn: async () => {
    const info = await api<SessionInfo>('/api/auth/session');
    setCsrfToken(info.csrfToken);
    return info;
  },
  staleTime: 5 * 60_000,
  retry: false,
});

/** The session inside the signed-in part of the app, where the router has already loaded it. */
export function useSession(): SessionInfo {
  const { data } = useQuery(sessionQuery);
  if (!data) throw new Error('useSession is only for pages behind sign-in');
  return data;
}
