import { Badge, Card, Group, Loader, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { type CodeVersion, type DiffEntry, useVersionDiff } from './coding.api.ts';

const SHOWN = 200;

/** Compare two loaded versions of a system: counts like the CMS addenda, then the lists. */
export function VersionDiffView({ versions }: { versions: CodeVersion[] }): ReactElement {
  const systems = [...new Set(versions.map((v) => v.system))];
  const [system, setSystem] = useState(systems[0] ?? 'icd10cm');
  const labels = versions.filter((v) => v.system === system).map((v) => v.version);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const { data, isFetching, error } = useVersionDiff(system, from, to);
  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>Compare versions</Title>
        <Group>
          <Select
            label="System"
            data={systems}
            value={system}
            onChange={(v) => {
              setSystem(v ?? system);
              setFrom(null);
              setTo(null);
            }}
            w={160}
          />
          <Select label="From" data={labels} value={from} onChange={setFrom} w={140} placeholder="older" />
          <Select label="To" data={labels} value={to} onChange={setTo} w={140} placeholder="newer" />
          {isFetching && <Loader size="sm" aria-label="Comparing" />}
        </Group>
        {labels.length < 2 && (
          <Text size="sm" c="dimmed">
            Load a second version of {system} to compare.
          </Text>
        )}
        {error && <Text c="red">{error.message}</Text>}
        {data && (
          <>
            <SimpleGrid cols={2} data-testid="diff-counts">
              {(['codes', 'headers'] as const).map((k) => (
                <Group key={k} gap="xs">
                  <Text fw={600} w={70}>
                    {k}
                  </Text>
                  <Badge color="teal">+{data.counts[k].added}</Badge>
                  <Badge color="red">−{data.counts[k].deleted}</Badge>
                  <Badge color="blue">~{data.counts[k].revised}</Badge>
                </Group>
              ))}
            </SimpleGrid>
            <DiffTable title="Added" rows={data.added} />
            <DiffTable title="Deleted" rows={data.deleted} />
            <DiffTable title="Revised" rows={data.revised} />
          </>
        )}
      </Stack>
    </Card>
  );
}

function DiffTable({ title, rows }: { title: string; rows: DiffEntry[] }): ReactElement | null {
  if (rows.length === 0) return null;
  return (
    <Stack gap={4}>
      <Text fw={600}>
        {title} ({rows.length}
        {rows.length > SHOWN ? `, first ${SHOWN} shown` : ''})
      </Text>
      <Table withTableBorder>
        <Table.Tbody>
          {rows.slice(0, SHOWN).map((r) => (
            <Table.Tr key={`${r.code}-${r.billable}`}>
              <Table.Td ff="monospace" w={100}>
                {r.code}
              </Table.Td>
              <Table.Td w={80}>{r.billable ? 'code' : 'header'}</Table.Td>
              <Table.Td>
                {r.description}
                {r.previousDescription && (
                  <Text size="xs" c="dimmed">
                    was: {r.previousDescription}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
