// The providers around every page: Mantine's theme, the query cache, the status announcer, the router.
import { useState } from 'react';
import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { createQueryClient } from '../lib/queryClient';
import { SESSION_KEY } from '../lib/session';
import { setCsrfToken } from '../lib/api';
import { StatusAnnouncerProvider } from '../components/StatusAnnouncer';
import { createAppRouter } from './router';
import { cssVariablesResolver, theme } from './theme';

function createApp() {
  // A 401 from any call means the session ended (expired, or signed out elsewhere): back to sign-in.
  const queryClient = createQueryClient(() => {
    const { location } = router.state;
    if (location.pathname === '/sign-in') return;
    setCsrfToken(null);
    queryClient.removeQueries({ queryKey: SESSION_KEY });
    void router.navigate({ to: '/sign-in', search: { redirect: location.href } });
  });
  const router = createAppRouter(queryClient);
  return { queryClient, router };
}

export function App() {
  const [{ queryClient, router }] = useState(createApp);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <StatusAnnouncerProvider>
          <RouterProvider router={router} />
        </StatusAnnouncerProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
