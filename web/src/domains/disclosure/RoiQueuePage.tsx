import { Alert, Badge, Button, Group, Loader, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { Link } from 'react-router';
import { PageFooter } from '../../ui/Pager.tsx';
import { label, PURPOSES, type QueueFilter, REQUESTER_TYPES, STATUSES, useQueue } from './disclosure.api.ts';

/** Aging by days left to the due date: overdue red, due within a week orange. */
export function AgingBadge({ daysLeft }: { daysLeft: number }): ReactElement {
  if (daysLeft < 0) return <Badge color="red">{-daysLeft} days overdue</Badge>;
  if (daysLeft <= 7) return <Badge color="orange">{daysLeft} days left</Badge>;
  return (
    <Badge color="teal" variant="light">
      {daysLeft} days left
    </Badge>
  );
}

/** The ROI queue: open requests, most urgent first, with due-date aging and filters (issue 6). */
export function RoiQueuePage(): ReactElement {
  // The selects list only the server's values (the lists `satisfies` its enums); '' is "any".
  const [status, setStatus] = useState<QueueFilter['status'] | ''>('');
  const [requesterType, setRequesterType] = useState<QueueFilter['requesterType'] | ''>('');
  const [page, setPage] = useState(1);
  const { data, error, isLoading } = useQueue({
    status: status || undefined,
    requesterType: requesterType || undefined,
    page,
  });
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <Stack maw={1200}>
      <Group justify="space-between">
        <Title order={2}>Release of information</Title>
        <Button component={Link} to="/roi/new">
          New request
        </Button>
      </Group>
      <Group align="end" role="search" aria-label="Queue filters">
        <NativeSelect
          label="Status"
          value={status}
          onChange={(e) => {
            setStatus(e.currentTarget.value as QueueFilter['status']);
            setPage(1);
          }}
          data={[{ value: '', label: 'All open' }, ...STATUSES.map((s) => ({ value: s, label: s }))]}
        />
        <NativeSelect
          label="Requester"
          value={requesterType}
          onChange={(e) => {
            setRequesterType(e.currentTarget.value as QueueFilter['requesterType']);
            setPage(1);
          }}
          data={[{ value: '', label: 'Any' }, ...REQUESTER_TYPES.map(([v, l]) => ({ value: v, label: l }))]}
        />
      </Group>
      {error && (
        <Alert color="red" title="Could not load the queue">
          {error.message} Reload the page; if it persists, check your connection.
        </Alert>
      )}
      {isLoading && <Loader aria-label="Loading the queue" />}
      {data && data.items.length === 0 && (
        <Text>No requests match. Change the filters or take in a new request.</Text>
      )}
      {data && data.items.length > 0 && (
        <Table striped highlightOnHover aria-label="ROI queue">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Request</Table.Th>
              <Table.Th>Patient</Table.Th>
              <Table.Th>Requester</Table.Th>
              <Table.Th>Purpose</Table.Th>
              <Table.Th>Received</Table.Th>
              <Table.Th>Due</Table.Th>
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Link to={`/roi/requests/${r.id}`}>{r.requestNo}</Link>
                </Table.Td>
                <Table.Td>
                  {r.patient ? (
                    `${r.patient.name} (${r.patient.mrn})`
                  ) : (
                    <Badge color="gray">Restricted record</Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  {r.requesterName}
                  <Text size="xs" c="dimmed">
                    {label(REQUESTER_TYPES, r.requesterType)}
                  </Text>
                </Table.Td>
                <Table.Td>{label(PURPOSES, r.purpose)}</Table.Td>
                <Table.Td>{r.receivedOn}</Table.Td>
                <Table.Td>
                  {r.dueOn} <AgingBadge daysLeft={r.daysLeft} />
                </Table.Td>
                <Table.Td>{r.status}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {data && (
        <PageFooter
          page={page}
          pages={pages}
          onPage={setPage}
          summary={`${data.total} requests · page ${data.page} of ${pages}`}
        />
      )}
    </Stack>
  );
}
