import { Center, createTheme, Loader, MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { onSessionLost } from '../api/client.ts';
import { useMe } from '../domains/access/access.api.ts';
import { SignInPage } from '../domains/access/SignInPage.tsx';
import { ChartLookupPage } from '../domains/chart/ChartLookupPage.tsx';
import { ChartPage } from '../domains/chart/ChartPage.tsx';
import { EncounterPage } from '../domains/chart/EncounterPage.tsx';
import { SystemPage } from '../domains/system/SystemPage.tsx';
import { Shell } from './Shell.tsx';

const theme = createTheme({ primaryColor: 'teal', defaultRadius: 'sm' });
const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});
// A 401 anywhere means the session ended (sign-out elsewhere, idle timeout): re-check and show sign-in.
onSessionLost(() => void queryClient.invalidateQueries({ queryKey: ['me'] }));

export function App(): ReactElement {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <Gate />
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}

/** Shows sign-in until there is a session, then the app. */
function Gate(): ReactElement {
  const { data: me, isLoading } = useMe();
  if (isLoading) {
    return (
      <Center mih="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (!me) return <SignInPage />;
  return (
    <Routes>
      <Route element={<Shell me={me} />}>
        <Route index element={<Navigate to="/system" replace />} />
        <Route path="system" element={<SystemPage />} />
        <Route path="chart" element={<ChartLookupPage />} />
        <Route path="patients/:patientId/chart" element={<ChartPage />} />
        <Route path="patients/:patientId/chart/encounters/:encounterId" element={<EncounterPage />} />
        <Route path="patients/:patientId/chart/:tab" element={<ChartPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

function NotFoundPage(): ReactElement {
  return <p>This page does not exist. Use the navigation on the left.</p>;
}
