import { MantineProvider } from '@mantine/core';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';

/** Renders a ui piece inside Mantine's provider, as the app does (component tests only). */
export function renderUi(ui: ReactElement): ReturnType<typeof render> {
  // Mantine reads the colour-scheme media query; happy-dom has none.
  window.matchMedia ??= ((q: string) => ({
    matches: false,
    media: q,
    onchange: null,
    addEventListener: () => {},
    removeEventListener: () => {},
    addListener: () => {},
    removeListener: () => {},
    dispatchEvent: () => false,
  })) as unknown as typeof window.matchMedia;
  return render(<MantineProvider>{ui}</MantineProvider>);
}
