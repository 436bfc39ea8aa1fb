import { Alert, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { useProductivity } from './coding.api.ts';

const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** Encounters coded and finalized per coder per day, and the coding-edit findings they met. */
export function ProductivityPage(): ReactElement {
  const [from, setFrom] = useState(daysAgo(13));
  const [to, setTo] = useState(today());
  const rangeProblem = from && to && from > to ? 'The end must not be before the start.' : undefined;
  const { data, error, isFetching } = useProductivity(from, to);
  const rows = data?.rows ?? [];
  return (
    <Stack maw={1000}>
      <Title order={2}>Coding productivity</Title>
      <Group align="flex-end">
        <TextInput label="From" type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput
          label="To"
          type="date"
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          error={rangeProblem}
        />
        {isFetching && (
          <Text size="sm" c="dimmed">
            loading…
          </Text>
        )}
      </Group>
      {error && <Alert color="red">{error.message}</Alert>}
      <Table striped aria-label="Coding productivity" data-testid="productivity">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Day</Table.Th>
            <Table.Th>Coder</Table.Th>
            <Table.Th ta="right">Encounters coded</Table.Th>
            <Table.Th ta="right">Finalized</Table.Th>
            <Table.Th ta="right">Edit errors hit</Table.Th>
            <Table.Th ta="right">Edit warnings hit</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={`${r.day}-${r.coderId}`}>
              <Table.Td>{r.day}</Table.Td>
              <Table.Td>{r.coderName}</Table.Td>
              <Table.Td ta="right">{r.encountersCoded}</Table.Td>
              <Table.Td ta="right">{r.encountersFinalized}</Table.Td>
              <Table.Td ta="right">{r.errorsHit}</Table.Td>
              <Table.Td ta="right">{r.warningsHit}</Table.Td>
            </Table.Tr>
          ))}
          {data && rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={6}>
                <Text c="dimmed">No coding in this period. Widen the dates.</Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed">
        Counted in UTC days. "Edit errors hit" adds up the error findings of every save and finalization
        attempt.
      </Text>
    </Stack>
  );
}
