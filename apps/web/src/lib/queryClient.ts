// The one TanStack Query client. Client errors (4xx) are answers, not glitches: never retried.
import { QueryCache, QueryClient, MutationCache } from '@tanstack/react-query';
import { isProblem } from './problem';
import { SESSION_KEY } from './session';

/**
 * `onUnauthenticated` runs when a request answers 401 (the session ended). The session query itself
 * is left out: the router's guards read it and redirect on their own.
 */
export function createQueryClient(onUnauthenticated: () => void): QueryClient {
  const on401 = (error: unknown) => {
    if (isProblem(error, 401)) onUnauthenticated();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => query.queryKey[0] !== SESSION_KEY[0] && on401(error) }),
    mutationCache: new MutationCache({ onError: on401 }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) => !(isProblem(error) && error.status >= 400 && error.status < 500) && failures < 2,
      },
      mutations: { retry: false },
    },
  });
}
