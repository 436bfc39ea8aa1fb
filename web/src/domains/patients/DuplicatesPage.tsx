import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Progress,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { type ReactElement, useEffect, useState } from 'react';
import {
  type DuplicatePair,
  type Patient,
  useDuplicates,
  useMerge,
  useNotDuplicate,
  usePatient,
  useStartSweep,
  useSweepStatus,
} from './patients.api.ts';

/** The review queue: a sweep fills it; the clerk compares side by side, merges or dismisses. */
export function DuplicatesPage(): ReactElement {
  const [page, setPage] = useState(1);
  const { data: status } = useSweepStatus(true);
  const running = status?.sweep?.status === 'running';
  const { data, error, refetch } = useDuplicates(page);
  // When a sweep finishes, show what it queued.
  useEffect(() => {
    if (!running) void refetch();
  }, [running, refetch]);
  const start = useStartSweep();
  const [open, setOpen] = useState<string | null>(null);
  const s = status?.sweep;
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
      {error && <Alert color="red">{error.message}</Alert>}
      {data?.items.length === 0 && (
        <Text>No pairs are waiting for review. Run a sweep to look for duplicates.</Text>
      )}
      {data?.items.map((pair) => (
        <Card withBorder key={pair.id} data-testid="duplicate-pair">
          <Group justify="space-between">
            <Text fw={600}>
              {pair.a.name ?? 'Restricted record'} ↔ {pair.b.name ?? 'Restricted record'}
            </Text>
            <Group>
              <Badge>
                {pair.band} · {pair.score}
              </Badge>
              <Button size="xs" variant="light" onClick={() => setOpen(open === pair.id ? null : pair.id)}>
                {open === pair.id ? 'Close' : 'Compare'}
              </Button>
            </Group>
          </Group>
          {open === pair.id && <Compare pair={pair} onDone={() => setOpen(null)} />}
        </Card>
      ))}
      {data && (
        <Group>
          <Button variant="default" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Previous page
          </Button>
          <Button variant="default" disabled={!data.hasMore} onClick={() => setPage(page + 1)}>
            Next page
          </Button>
        </Group>
      )}
    </Stack>
  );
}

const ROWS: [string, (p: Patient) => string][] = [
  ['MRN', (p) => p.mrn],
  ['Name', (p) => `${p.family}, ${p.given}${p.middle ? ` ${p.middle}` : ''}`],
  ['Date of birth', (p) => p.birthDate],
  ['Sex at birth', (p) => p.sexAtBirth],
  ['SSN', (p) => p.ssnMasked ?? '—'],
  ['Address', (p) => (p.address ? `${p.address.line1}, ${p.address.city}` : '—')],
  ['Phone', (p) => p.phones.map((x) => x.number).join(', ') || '—'],
  ['Identifiers', (p) => p.identifiers.map((i) => i.value).join(', ') || '—'],
];

function Compare({ pair, onDone }: { pair: DuplicatePair; onDone: () => void }): ReactElement {
  const a = usePatient(pair.a.id).data;
  const b = usePatient(pair.b.id).data;
  const [survivor, setSurvivor] = useState(pair.a.id);
  const merge = useMerge();
  const dismiss = useNotDuplicate();
  if (!a || !b) return <Text>Loading both records…</Text>;
  const retired = survivor === a.id ? b.id : a.id;
  return (
    <Stack mt="sm">
      <Table withColumnBorders aria-label="Side-by-side comparison">
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            <Table.Th>Record A</Table.Th>
            <Table.Th>Record B</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ROWS.map(([label, f]) => (
            <Table.Tr key={label} bg={f(a) === f(b) ? undefined : 'var(--mantine-color-yellow-light)'}>
              <Table.Td fw={600}>{label}</Table.Td>
              <Table.Td>{f(a)}</Table.Td>
              <Table.Td>{f(b)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <SimpleGrid cols={2}>
        {pair.fields.map((f) => (
          <Text size="sm" key={f.field}>
            {f.field}: {f.outcome} ({f.reason}, {f.weight})
          </Text>
        ))}
      </SimpleGrid>
      <Radio.Group label="Which record survives?" value={survivor} onChange={setSurvivor}>
        <Group mt="xs">
          <Radio value={a.id} label={`Record A (${a.mrn})`} />
          <Radio value={b.id} label={`Record B (${b.mrn})`} />
        </Group>
      </Radio.Group>
      {(merge.error || dismiss.error) && <Alert color="red">{(merge.error ?? dismiss.error)?.message}</Alert>}
      <Group>
        <Button
          color="orange"
          loading={merge.isPending}
          onClick={() =>
            merge.mutate(
              { survivorId: survivor, retiredId: retired, reason: 'Duplicate review' },
              { onSuccess: onDone },
            )
          }
        >
          Merge into the surviving record
        </Button>
        <Button
          variant="default"
          loading={dismiss.isPending}
          onClick={() => dismiss.mutate(pair.id, { onSuccess: onDone })}
        >
          Not a duplicate
        </Button>
      </Group>
    </Stack>
  );
}
