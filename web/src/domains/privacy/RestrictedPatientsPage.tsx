import { Alert, Anchor, Badge, Group, Pagination, Select, Stack, Table, Text, Title } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { Link } from 'react-router';
import { LABEL_TEXT, labelText, useRestrictedPatients } from '../patients/restrictions.api.ts';

const PAGE = 25;
const LABELS = Object.keys(LABEL_TEXT).concat([
  'behavioral_health',
  'hiv_sti',
  'reproductive',
  'genetic',
  'psychotherapy',
]);

/** The privacy officer's list of restricted records, filterable by label (issue 23). */
export function RestrictedPatientsPage(): ReactElement {
  const [label, setLabel] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const { data, error } = useRestrictedPatients({ label: label ?? undefined, page, pageSize: PAGE });
  return (
    <Stack>
      <Title order={2}>Restricted records</Title>
      <Select
        aria-label="Label"
        placeholder="Any label"
        clearable
        w={260}
        data={LABELS.map((l) => ({ value: l, label: labelText(l) }))}
        value={label}
        onChange={(v) => {
          setLabel(v);
          setPage(1);
        }}
      />
      {error && <Alert color="red">{error.message} Reload the page to try again.</Alert>}
      {data && data.items.length === 0 ? (
        <Text c="dimmed">No restricted records{label ? ' with this label' : ''}.</Text>
      ) : (
        <Table striped aria-label="Restricted records">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Patient</Table.Th>
              <Table.Th>MRN</Table.Th>
              <Table.Th>Born</Table.Th>
              <Table.Th>Label</Table.Th>
              <Table.Th>Since</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data?.items.map((r) => (
              <Table.Tr key={`${r.id}-${r.label}`}>
                <Table.Td>
                  <Anchor component={Link} to={`/patients/${r.id}`}>
                    {r.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{r.mrn}</Table.Td>
                <Table.Td>{r.birthDate}</Table.Td>
                <Table.Td>
                  <Badge color="red" variant="light">
                    {labelText(r.label)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {new Date(r.since).toLocaleDateString()} · {r.setBy ?? 'system'}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {data && data.total > PAGE && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {data.total} records
          </Text>
          <Pagination total={Math.ceil(data.total / PAGE)} value={page} onChange={setPage} />
        </Group>
      )}
    </Stack>
  );
}
