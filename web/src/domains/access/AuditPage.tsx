import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Pagination,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, type ReactElement, useState } from 'react';
import { type AuditFilter, auditQueryString, useAuditSearch } from './access.api.ts';

const PAGE = 25;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Audit search for the privacy officer (HIPAA 164.312(b) audit controls): by user, patient, action,
 * date range and outcome; a patient id alone gives "who accessed this patient's record". Searching and
 * exporting are themselves audited.
 */
export function AuditPage(): ReactElement {
  const [draft, setDraft] = useState<AuditFilter>({});
  const [filter, setFilter] = useState<AuditFilter>({});
  const [page, setPage] = useState(1);
  const { data, error, isFetching } = useAuditSearch(filter, (page - 1) * PAGE, PAGE);
  const set = (k: keyof AuditFilter) => (v: string | null) => setDraft((d) => ({ ...d, [k]: v ?? '' }));
  const patientProblem =
    draft.patientId && !UUID.test(draft.patientId) ? 'Paste the patient id (a UUID).' : undefined;
  const rangeProblem =
    draft.from && draft.to && draft.from >= draft.to ? 'The end must be after the start.' : undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (patientProblem || rangeProblem) return;
    setFilter(draft);
    setPage(1);
  };

  return (
    <Stack>
      <Title order={2}>Audit trail</Title>
      <Group component="form" onSubmit={submit} align="flex-end" aria-label="Audit search">
        <TextInput
          label="User"
          placeholder="username"
          value={draft.username ?? ''}
          onChange={(e) => set('username')(e.currentTarget.value)}
        />
        <TextInput
          label="Patient id"
          value={draft.patientId ?? ''}
          onChange={(e) => set('patientId')(e.currentTarget.value.trim())}
          error={patientProblem}
          w={320}
        />
        <TextInput
          label="Action"
          placeholder="e.g. auth. or patient.read"
          value={draft.action ?? ''}
          onChange={(e) => set('action')(e.currentTarget.value)}
        />
        <Select
          label="Outcome"
          data={['success', 'denied', 'failure']}
          value={draft.outcome ?? null}
          onChange={set('outcome')}
          clearable
          w={130}
        />
        <TextInput
          label="From"
          type="date"
          value={draft.from ?? ''}
          onChange={(e) => set('from')(e.currentTarget.value)}
        />
        <TextInput
          label="To (before)"
          type="date"
          value={draft.to ?? ''}
          onChange={(e) => set('to')(e.currentTarget.value)}
          error={rangeProblem}
        />
        <Button type="submit" loading={isFetching}>
          Search
        </Button>
        <Anchor href={`/api/access/audit/export.csv?${auditQueryString(filter)}`} download>
          Export CSV
        </Anchor>
      </Group>
      {filter.patientId && (
        <Alert color="blue" title="Who accessed this patient's record">
          Every recorded access naming patient {filter.patientId}, newest first.
        </Alert>
      )}
      {error && <Alert color="red">{error.message}</Alert>}
      {data && (
        <Text size="sm" c="dimmed" data-testid="audit-total">
          {data.total} events
        </Text>
      )}
      <AuditTable items={data?.items ?? []} />
      {data && data.total > PAGE && (
        <Pagination total={Math.ceil(data.total / PAGE)} value={page} onChange={setPage} />
      )}
    </Stack>
  );
}

function AuditTable({
  items,
}: {
  items: NonNullable<ReturnType<typeof useAuditSearch>['data']>['items'];
}): ReactElement {
  return (
    <Table striped aria-label="Audit events" fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Time</Table.Th>
          <Table.Th>User</Table.Th>
          <Table.Th>Action</Table.Th>
          <Table.Th>Outcome</Table.Th>
          <Table.Th>Patients</Table.Th>
          <Table.Th>Resource</Table.Th>
          <Table.Th>Source</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((e) => (
          <Table.Tr key={e.id}>
            <Table.Td>{new Date(e.occurredAt).toLocaleString()}</Table.Td>
            <Table.Td>{e.username ?? '—'}</Table.Td>
            <Table.Td>
              {e.action}{' '}
              {e.breakGlass && (
                <Badge color="red" size="xs">
                  break-glass
                </Badge>
              )}
            </Table.Td>
            <Table.Td>
              <Badge color={e.outcome === 'success' ? 'teal' : 'red'} variant="light" size="sm">
                {e.outcome}
              </Badge>
            </Table.Td>
            <Table.Td ff="monospace" fz="xs">
              {e.patientIds.join(', ')}
            </Table.Td>
            <Table.Td>{e.resourceType ?? ''}</Table.Td>
            <Table.Td>
              {e.channel} {e.sourceIp}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
