import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { Link } from 'react-router';
import { PageFooter } from '../../ui/Pager.tsx';
import { StatusBadge, statusTone } from '../../ui/StatusBadge.tsx';
import { Hl7SubmitForm } from './Hl7SubmitForm.tsx';
import { type AckOutcome, OUTCOME_LABEL, PAGE_SIZE, useHl7Messages } from './hl7.api.ts';

/** The interface monitor: what arrived over HL7 v2, how each message was answered, and the errors. */
export function Hl7MonitorPage(): ReactElement {
  const [outcome, setOutcome] = useState<AckOutcome | 'all'>('all');
  const [page, setPage] = useState(1);
  const { data, error, isLoading, refetch, isFetching } = useHl7Messages(outcome, page);
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <Stack maw={1300}>
      <Group justify="space-between">
        <Title order={2}>HL7 v2 interface</Title>
        {data && (
          <Badge color={data.listener.enabled ? 'teal' : 'gray'} variant="light" size="lg">
            {data.listener.enabled
              ? `MLLP listening on port ${data.listener.port}`
              : 'MLLP listener off (set HL7_MLLP_PORT)'}
          </Badge>
        )}
      </Group>
      {data && (
        <SimpleGrid cols={3} aria-label="Messages in the last 24 hours">
          {(['AA', 'AE', 'AR'] as const).map((o) => (
            <Card withBorder key={o} padding="sm">
              <Text size="sm" c="dimmed">
                {OUTCOME_LABEL[o]} ({o}), last 24 hours
              </Text>
              <Text fz={28} fw={700} c={o === 'AA' ? undefined : data.last24h[o] ? statusTone(o) : undefined}>
                {data.last24h[o]}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      )}
      <Group>
        <SegmentedControl
          aria-label="Show messages"
          value={outcome}
          onChange={(v) => {
            setOutcome(v as AckOutcome | 'all');
            setPage(1);
          }}
          data={[
            { value: 'all', label: 'All' },
            { value: 'AA', label: 'Accepted' },
            { value: 'AE', label: 'Errors' },
            { value: 'AR', label: 'Rejected' },
          ]}
          w="fit-content"
        />
        <Button variant="default" onClick={() => void refetch()} loading={isFetching}>
          Refresh
        </Button>
      </Group>
      {error && (
        <Alert color="red">{error.message} Reload the page; if it persists, ask an administrator.</Alert>
      )}
      {isLoading && <Text>Loading messages…</Text>}
      {data?.items.length === 0 && (
        <Text>No messages{outcome === 'all' ? '' : ' with this outcome'} yet.</Text>
      )}
      {data && data.items.length > 0 && (
        <Table striped highlightOnHover aria-label="Received messages">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Received</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th>Sender</Table.Th>
              <Table.Th>Control id</Table.Th>
              <Table.Th>Answer</Table.Th>
              <Table.Th>Problem</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((m) => (
              <Table.Tr key={m.id} data-testid="hl7-message-row">
                <Table.Td>{new Date(m.receivedAt).toLocaleString()}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/interface/hl7/${m.id}`}>
                    {m.messageType ?? 'Unreadable message'}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {[m.sendingApplication, m.sendingFacility].filter(Boolean).join(' / ') || '—'}
                </Table.Td>
                <Table.Td>{m.controlId ?? '—'}</Table.Td>
                <Table.Td>
                  <StatusBadge status={m.outcome} label={m.outcome} />
                  {m.duplicates > 0 && (
                    <Text span size="xs" c="dimmed" ml={6}>
                      +{m.duplicates} resent
                    </Text>
                  )}
                </Table.Td>
                <Table.Td maw={420}>
                  <Text size="sm" lineClamp={2}>
                    {m.error ?? ''}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {data && data.total > PAGE_SIZE && (
        <PageFooter
          page={page}
          pages={pages}
          onPage={setPage}
          summary={`Page ${page} of ${pages} (${data.total} messages)`}
        />
      )}
      <Hl7SubmitForm />
    </Stack>
  );
}
