import { Alert, Anchor, Badge, Loader, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { useMyWork, type WorkQueue } from './workspace.api.ts';

/** The signed-in user's home page: every queue their roles allow, most urgent first (issue 20). */
export function MyWorkPage(): ReactElement {
  const { data, isLoading, error } = useMyWork();
  return (
    <Stack>
      <Title order={2}>My work</Title>
      {isLoading && <Loader aria-label="Loading my work" />}
      {error && <Alert color="red">Could not load your queues: {error.message}</Alert>}
      {data && data.queues.length === 0 && <Text>No queues for your roles.</Text>}
      {data && data.queues.length > 0 && (
        <Table striped highlightOnHover aria-label="My queues">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Queue</Table.Th>
              <Table.Th>Waiting</Table.Th>
              <Table.Th>Oldest</Table.Th>
              <Table.Th>Late</Table.Th>
              <Table.Th>Due today</Table.Th>
              <Table.Th>Deadline</Table.Th>
              <Table.Th>Most urgent</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.queues.map((q) => (
              <QueueRow key={q.key} q={q} />
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function QueueRow({ q }: { q: WorkQueue }): ReactElement {
  return (
    <Table.Tr data-testid={`queue-${q.key}`}>
      <Table.Td>
        <Anchor component={Link} to={q.path}>
          {q.label}
        </Anchor>
      </Table.Td>
      <Table.Td>{q.capped ? `${q.count.toLocaleString()}+` : q.count.toLocaleString()}</Table.Td>
      <Table.Td>{q.oldestAgeDays === null ? '—' : `${q.oldestAgeDays} days`}</Table.Td>
      <Table.Td>
        {q.breached > 0 ? <Badge color="red">{q.breached} late</Badge> : <Text size="sm">0</Text>}
      </Table.Td>
      <Table.Td>
        {q.dueToday > 0 ? <Badge color="orange">{q.dueToday} today</Badge> : <Text size="sm">0</Text>}
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {q.deadline ? `${q.deadline.days ? `${q.deadline.days} days, ` : ''}${q.deadline.rule}` : '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        {q.nextItemPath ? (
          <Anchor component={Link} to={q.nextItemPath} aria-label={`Open the most urgent item of ${q.label}`}>
            Open
          </Anchor>
        ) : (
          '—'
        )}
      </Table.Td>
    </Table.Tr>
  );
}
