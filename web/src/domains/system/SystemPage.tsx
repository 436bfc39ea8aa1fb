import { Alert, Badge, Card, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactElement } from 'react';
import { useSystemInfo } from './system.api.ts';

export function SystemPage(): ReactElement {
  const { data, error, isLoading } = useSystemInfo();
  return (
    <Stack maw={900}>
      <Title order={2}>System</Title>
      {isLoading && <Loader aria-label="Loading system information" />}
      {error && (
        <Alert color="red" title="Could not load system information">
          {error.message} Reload the page; if it persists, check that the server is running.
        </Alert>
      )}
      {data && (
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Card withBorder>
            <Text size="sm" c="dimmed">
              Version
            </Text>
            <Text size="xl" fw={600} data-testid="system-version">
              {data.version}
            </Text>
            <Text size="xs" c="dimmed">
              Node {data.node}
            </Text>
          </Card>
          <Card withBorder>
            <Text size="sm" c="dimmed">
              Database
            </Text>
            <Group gap="xs">
              <Text size="xl" fw={600} data-testid="system-db-mode">
                {data.database.mode}
              </Text>
              <Badge variant="light">PostgreSQL {data.database.serverVersion}</Badge>
            </Group>
            <Text size="xs" c="dimmed">
              database “{data.database.name}”
            </Text>
          </Card>
          <Card withBorder>
            <Text size="sm" c="dimmed">
              Migrations
            </Text>
            <Group gap="xs">
              <Text size="xl" fw={600} data-testid="system-migrations">
                {data.migrations.applied} applied
              </Text>
              <Badge color={data.migrations.pending.length ? 'orange' : 'teal'} variant="light">
                {data.migrations.pending.length ? `${data.migrations.pending.length} pending` : 'up to date'}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed">
              latest {data.migrations.latest ?? 'none'}
            </Text>
          </Card>
        </SimpleGrid>
      )}
      {data && data.migrations.pending.length > 0 && (
        <Table>
          <Table.Tbody>
            {data.migrations.pending.map((m) => (
              <Table.Tr key={m}>
                <Table.Td>{m}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
