import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Pagination,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { STATUS_LABEL, useAlerts, useRequestScan } from './privacy.api.ts';

const PAGE = 25;

/** The privacy officer's alert queue: one alert per user, patient and day, with the rules it broke. */
export function AlertQueuePage(): ReactElement {
  const [status, setStatus] = useState('open');
  const [rule, setRule] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  // Opened from a user's access profile: that user's alerts only.
  const [params] = useSearchParams();
  const userId = params.get('userId') ?? undefined;
  const { data, error, isFetching } = useAlerts({
    status,
    rule: rule ?? undefined,
    userId,
    page,
    pageSize: PAGE,
  });
  const scan = useRequestScan();
  const counts = data?.counts ?? {};
  const ruleOptions = Object.entries(data?.rules ?? {}).map(([value, label]) => ({ value, label }));
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Privacy alerts</Title>
        <Button variant="light" loading={scan.isPending} onClick={() => scan.mutate(undefined)}>
          Scan today now
        </Button>
      </Group>
      {scan.isSuccess && (
        <Alert color="teal" withCloseButton onClose={() => scan.reset()}>
          Scan queued. New alerts appear here when it finishes (usually within a minute).
        </Alert>
      )}
      {scan.error && <Alert color="red">{scan.error.message}</Alert>}
      <Group>
        <SegmentedControl
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          data={[
            { value: 'open', label: `Open (${(counts.new ?? 0) + (counts.under_review ?? 0)})` },
            { value: 'new', label: `New (${counts.new ?? 0})` },
            { value: 'under_review', label: `Under review (${counts.under_review ?? 0})` },
            { value: 'closed_appropriate', label: 'Closed: appropriate' },
            { value: 'closed_violation', label: 'Closed: violation' },
          ]}
        />
        <Select
          aria-label="Rule"
          placeholder="Any rule"
          clearable
          w={340}
          data={ruleOptions}
          value={rule}
          onChange={(v) => {
            setRule(v);
            setPage(1);
          }}
        />
      </Group>
      {error && <Alert color="red">{error.message} Reload the page to try again.</Alert>}
      {data && data.items.length === 0 ? (
        <Text c="dimmed">No alerts here.</Text>
      ) : (
        <Table striped highlightOnHover aria-label="Privacy alerts" opacity={isFetching ? 0.6 : 1}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Day</Table.Th>
              <Table.Th>User</Table.Th>
              <Table.Th>Patient</Table.Th>
              <Table.Th>Why</Table.Th>
              <Table.Th>Reads</Table.Th>
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data?.items.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/privacy/alerts/${a.id}`}>
                    {a.day}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={`/privacy/users/${a.userId}?name=${encodeURIComponent(a.username)}`}
                  >
                    {a.username}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {a.role ?? ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {a.patient ? (
                    <>
                      {a.patient.name}
                      <Text size="xs" c="dimmed">
                        MRN {a.patient.mrn}
                      </Text>
                    </>
                  ) : (
                    <Text size="sm" c="dimmed">
                      (many charts)
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {a.rules.map((r) => (
                      <Badge key={r} variant="light" color="orange" title={data.rules[r]}>
                        {data.rules[r] ?? r}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>{a.eventCount}</Table.Td>
                <Table.Td>
                  <StatusBadge status={a.status} label={STATUS_LABEL[a.status]} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {data && data.total > PAGE && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {data.total} alerts
          </Text>
          <Pagination total={Math.ceil(data.total / PAGE)} value={page} onChange={setPage} />
        </Group>
      )}
    </Stack>
  );
}
