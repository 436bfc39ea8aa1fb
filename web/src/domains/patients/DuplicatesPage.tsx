import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  List,
  Progress,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { type ReactElement, useEffect, useState } from 'react';
import { PageFooter } from '../../ui/Pager.tsx';
import { DuplicateCompare } from './DuplicateCompare.tsx';
import { type QueueView, useDuplicates, useStartSweep, useSweepStatus } from './patients.api.ts';

const BAND_COLOR: Record<string, string> = { certain: 'red', probable: 'orange' };

/**
 * The review queue (issue 17): a sweep fills it; the reviewer filters by grade, compares side by side with
 * the weight waterfall, merges, dismisses (remembered) or defers a pair with a note.
 */
export function DuplicatesPage(): ReactElement {
  const [page, setPage] = useState(1);
  const [view, setView] = useState<QueueView>('all');
  const { data: status } = useSweepStatus(true);
  const running = status?.sweep?.status === 'running';
  const { data, error, refetch } = useDuplicates(page, view);
  // When a sweep finishes, show what it queued.
  useEffect(() => {
    if (!running) void refetch();
  }, [running, refetch]);
  const start = useStartSweep();
  const [open, setOpen] = useState<string | null>(null);
  const s = status?.sweep;
  const c = data?.counts;
  return (
    <Stack maw={1200}>
      <Group justify="space-between">
        <Title order={2}>Duplicate review</Title>
        <Button onClick={() => start.mutate()} loading={start.isPending} disabled={running}>
          Run duplicate sweep
        </Button>
      </Group>
      {start.error && <Alert color="red">{start.error.message}</Alert>}
      {s && (
        <Stack gap={4}>
          <Text size="sm" data-testid="sweep-status">
            Sweep {s.status}: {s.processed} of {s.total} records checked, {s.pairsFound} pairs queued
          </Text>
          <Progress value={s.total ? (100 * s.processed) / s.total : 100} aria-label="Sweep progress" />
        </Stack>
      )}
      <SegmentedControl
        aria-label="Which pairs"
        value={view}
        onChange={(v) => {
          setView(v as QueueView);
          setPage(1);
          setOpen(null);
        }}
        data={[
          { value: 'all', label: `All waiting (${c?.open ?? 0})` },
          { value: 'certain', label: `Certain (${c?.certain ?? 0})` },
          { value: 'probable', label: `Probable (${c?.probable ?? 0})` },
          { value: 'deferred', label: `Deferred (${c?.deferred ?? 0})` },
        ]}
      />
      {error && <Alert color="red">{error.message}</Alert>}
      {data?.items.length === 0 && (
        <Text>
          {view === 'deferred'
            ? 'No pairs are deferred.'
            : 'No pairs are waiting for review here. Run a sweep to look for duplicates.'}
        </Text>
      )}
      {data?.items.map((pair) => (
        <Card withBorder key={pair.id} data-testid="duplicate-pair">
          <Group justify="space-between">
            <Text fw={600}>
              {pair.a.name ?? 'Restricted record'} ↔ {pair.b.name ?? 'Restricted record'}
            </Text>
            <Group>
              <Badge color={BAND_COLOR[pair.band] ?? 'gray'}>
                {pair.band} · {pair.score}
              </Badge>
              <Button size="xs" variant="light" onClick={() => setOpen(open === pair.id ? null : pair.id)}>
                {open === pair.id ? 'Close' : 'Compare'}
              </Button>
            </Group>
          </Group>
          {pair.deferredNote && (
            <Text size="sm" c="dimmed">
              Deferred: {pair.deferredNote}
            </Text>
          )}
          {pair.cautions.length > 0 && (
            <List size="sm" mt={4} c="red.8" aria-label="Why not certain">
              {pair.cautions.map((x) => (
                <List.Item key={x.code}>{x.reason}</List.Item>
              ))}
            </List>
          )}
          {open === pair.id && <DuplicateCompare pair={pair} onDone={() => setOpen(null)} />}
        </Card>
      ))}
      {data && <PageFooter page={page} hasNext={data.hasMore} onPage={setPage} />}
    </Stack>
  );
}
