import { Button, Group, Text } from '@mantine/core';
import { type ReactElement, type ReactNode, useState } from 'react';

/**
 * The footer under a paged list: "Previous page", an optional summary, "Next page". Each button is
 * disabled at its end (and while a page loads), so a click never asks for a page that does not exist.
 */
export function PageFooter(props: {
  page: number;
  /** Pages in all, when the server counts them; else `hasNext` says whether there is another. */
  pages?: number;
  hasNext?: boolean;
  onPage: (page: number) => void;
  /** Shown between the buttons, e.g. "120 requests · page 2 of 6". */
  summary?: ReactNode;
  busy?: boolean;
  size?: 'xs' | 'sm';
  label?: string;
}): ReactElement {
  const { page, pages, busy = false } = props;
  const hasNext = pages !== undefined ? page < pages : Boolean(props.hasNext);
  return (
    <Group justify="space-between" mt="xs" role="navigation" aria-label={props.label ?? 'Pages'}>
      <Text size="sm" c="dimmed">
        {props.summary ?? (pages !== undefined ? `Page ${page} of ${Math.max(1, pages)}` : `Page ${page}`)}
      </Text>
      <Group gap="xs">
        <Button
          variant="default"
          size={props.size ?? 'sm'}
          disabled={page <= 1 || busy}
          onClick={() => props.onPage(page - 1)}
        >
          Previous page
        </Button>
        <Button
          variant="default"
          size={props.size ?? 'sm'}
          disabled={!hasNext || busy}
          onClick={() => props.onPage(page + 1)}
        >
          Next page
        </Button>
      </Group>
    </Group>
  );
}

/**
 * Keyset paging (`?after=<cursor>`): the cursors of the pages walked so far, so "Previous page" can go
 * back without an OFFSET scan. `after` is the current page's cursor (null on the first page).
 */
export function useKeysetPages(): {
  after: string | null;
  page: number;
  next: (cursor: string) => void;
  previous: () => void;
  reset: () => void;
} {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return {
    after: cursors[cursors.length - 1] ?? null,
    page: cursors.length,
    next: (cursor) => setCursors((c) => [...c, cursor]),
    previous: () => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)),
    reset: () => setCursors([null]),
  };
}

/** The footer of a keyset-paged list: `next` is the server's cursor for the following page, or null. */
export function KeysetFooter(props: {
  pages: Pick<ReturnType<typeof useKeysetPages>, 'page' | 'next' | 'previous'>;
  next: string | null | undefined;
  summary?: ReactNode;
  busy?: boolean;
  size?: 'xs' | 'sm';
  label?: string;
}): ReactElement {
  const { pages, next } = props;
  return (
    <PageFooter
      page={pages.page}
      hasNext={Boolean(next)}
      onPage={(p) => (p > pages.page ? next && pages.next(next) : pages.previous())}
      summary={props.summary}
      busy={props.busy}
      size={props.size}
      label={props.label}
    />
  );
}
