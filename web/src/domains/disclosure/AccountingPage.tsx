import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { useParams } from 'react-router';
import { PageFooter } from '../../ui/Pager.tsx';
import {
  useAccessReport,
  useAccounting,
  useAccountingRequests,
  usePreferences,
  useRecordPreference,
  useTrackAccountingRequest,
} from './disclosure.api.ts';

const today = () => new Date().toISOString().slice(0, 10);

function Disclosures({ patientId }: { patientId: string }): ReactElement {
  const [all, setAll] = useState(false);
  const { data, error, isLoading } = useAccounting(patientId, all);
  if (isLoading) return <Loader aria-label="Loading the accounting" />;
  if (error || !data) return <Alert color="red">{error?.message ?? 'Could not load the accounting.'}</Alert>;
  return (
    <Card withBorder>
      <Group justify="space-between">
        <Text fw={600}>
          Accountable disclosures {data.from} to {data.to}
        </Text>
        <Group>
          <Switch
            label="Include disclosures exempt from the accounting"
            checked={all}
            onChange={(e) => setAll(e.currentTarget.checked)}
          />
          <Anchor href={`/api/patients/${patientId}/disclosures/letter`} target="_blank">
            Printable letter
          </Anchor>
        </Group>
      </Group>
      {data.disclosures.length === 0 ? (
        <Text size="sm">No disclosures to list in the last six years.</Text>
      ) : (
        <Table aria-label="Accounting of disclosures">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Date</Table.Th>
              <Table.Th>Recipient</Table.Th>
              <Table.Th>What</Table.Th>
              <Table.Th>Purpose</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.disclosures.map((d) => (
              <Table.Tr key={`${d.date}-${d.recipient}-${d.description}`}>
                <Table.Td>{d.date}</Table.Td>
                <Table.Td>
                  {d.recipient}
                  <Text size="xs" c="dimmed">
                    {d.recipientAddress}
                  </Text>
                </Table.Td>
                <Table.Td>{d.description}</Table.Td>
                <Table.Td>
                  {d.purpose}
                  {!d.accountable && (
                    <Badge ml={4} variant="light" color="gray">
                      exempt: {d.exemptCategory}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

function AccountingRequests({ patientId }: { patientId: string }): ReactElement {
  const { data } = useAccountingRequests(patientId);
  const track = useTrackAccountingRequest(patientId);
  const [receivedOn, setReceivedOn] = useState(today());
  return (
    <Card withBorder>
      <Text fw={600}>Requests for an accounting (due in 60 days; the first in 12 months is free)</Text>
      <Group align="end" my="xs">
        <TextInput
          label="Date received"
          value={receivedOn}
          onChange={(e) => setReceivedOn(e.currentTarget.value)}
          w={160}
          error={track.error?.message}
        />
        <Button variant="light" onClick={() => track.mutate({ receivedOn })}>
          Track request
        </Button>
      </Group>
      <Table aria-label="Accounting requests">
        <Table.Tbody>
          {data?.items.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>received {r.receivedOn}</Table.Td>
              <Table.Td>due {r.dueOn}</Table.Td>
              <Table.Td>
                {r.free ? (
                  <Badge color="teal">free</Badge>
                ) : (
                  <Badge color="orange">fee ${r.fee.toFixed(2)}</Badge>
                )}
              </Table.Td>
              <Table.Td>
                {r.fulfilledOn ? (
                  `sent ${r.fulfilledOn}`
                ) : (
                  <Anchor
                    href={`/api/patients/${patientId}/disclosures/letter?requestId=${r.id}`}
                    target="_blank"
                  >
                    Print letter and mark sent
                  </Anchor>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function Preferences({ patientId }: { patientId: string }): ReactElement {
  const { data } = usePreferences(patientId);
  const record = useRecordPreference(patientId);
  const [address, setAddress] = useState('');
  return (
    <Card withBorder>
      <Text fw={600}>Restrictions and confidential communications (45 CFR 164.522)</Text>
      {data?.items.map((p) => (
        <Text key={p.id} size="sm">
          <Badge variant="light">{p.kind}</Badge> {p.description}
          {p.alternateAddress ? ` — send to ${p.alternateAddress}` : ''}
        </Text>
      ))}
      <Group align="end" mt="xs">
        <TextInput
          label="Confidential address"
          value={address}
          onChange={(e) => setAddress(e.currentTarget.value)}
          w={380}
          error={record.error?.message}
        />
        <Button
          variant="light"
          disabled={address.trim().length < 5}
          onClick={() =>
            record.mutate({
              kind: 'confidential-communication',
              description: 'Patient asked for mail at an alternate address',
              alternateAddress: address,
              requesterTypes: [],
            })
          }
        >
          Record confidential address
        </Button>
      </Group>
    </Card>
  );
}

function AccessReport({ patientId }: { patientId: string }): ReactElement {
  const [page, setPage] = useState(1);
  const { data } = useAccessReport(patientId, page);
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <Card withBorder>
      <Text fw={600}>Who accessed this record</Text>
      <Table aria-label="Access report" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Who</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>What</Table.Th>
            <Table.Th>Outcome</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data?.items.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>{e.at.slice(0, 16).replace('T', ' ')}</Table.Td>
              <Table.Td>{e.user}</Table.Td>
              <Table.Td>{e.roles.join(', ')}</Table.Td>
              <Table.Td>{e.action}</Table.Td>
              <Table.Td>
                {e.outcome}
                {e.breakGlass && (
                  <Badge color="red" ml={4}>
                    break-the-glass
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <PageFooter
        page={page}
        pages={pages}
        onPage={setPage}
        summary={`${data?.total ?? 0} events · page ${page} of ${pages}`}
      />
    </Card>
  );
}

/** The patient's accounting of disclosures, its tracked requests, preferences and the access report. */
export function AccountingPanel({ patientId }: { patientId: string }): ReactElement {
  return (
    <Stack>
      <Disclosures patientId={patientId} />
      <AccountingRequests patientId={patientId} />
      <Preferences patientId={patientId} />
      <AccessReport patientId={patientId} />
    </Stack>
  );
}

export function AccountingPage(): ReactElement {
  const { patientId = '' } = useParams();
  return (
    <Stack maw={1100}>
      <Title order={2}>Accounting of disclosures</Title>
      <AccountingPanel patientId={patientId} />
    </Stack>
  );
}
