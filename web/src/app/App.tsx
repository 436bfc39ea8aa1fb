import { createTheme, MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { CodeSearchPage } from '../domains/coding/CodeSearchPage.tsx';
import { CodeSetsPage } from '../domains/coding/CodeSetsPage.tsx';
import { SystemPage } from '../domains/system/SystemPage.tsx';
import { Shell } from './Shell.tsx';

const theme = createTheme({ primaryColor: 'teal', defaultRadius: 'sm' });
const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

export function App(): ReactElement {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <Routes>
            <Route element={<Shell />}>
              <Route index element={<Navigate to="/system" replace />} />
              <Route path="system" element={<SystemPage />} />
              <Route path="codes" element={<CodeSearchPage />} />
              <Route path="code-sets" element={<CodeSetsPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}

function NotFoundPage(): ReactElement {
  return <p>This page does not exist. Use the navigation on the left.</p>;
}
