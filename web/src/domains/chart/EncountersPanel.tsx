import { Alert, Anchor, Badge, Button, Card, Loader, Pagination, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { type ReactElement, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { PAGE_SIZE, useEncounters } from './chart.api.ts';
import { EncounterForm } from './EncounterForm.tsx';

export const statusLabel = (s: string): string => s.replace('_', ' ');

/** The patient's appointments and stays, newest first, and scheduling a new one. */
export function EncountersPanel(props: { patientId: string; canWrite: boolean }): ReactElement {
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const navigate = useNavigate();
  const { data, isLoading, error } = useEncounters(props.patientId, page);
  return (
    <Stack>
      {props.canWrite && !adding && (
        <Button
          leftSection={<IconPlus size={16} />}
          variant="light"
          w="fit-content"
          onClick={() => setAdding(true)}
        >
          Schedule encounter
        </Button>
      )}
      {adding && (
        <Card withBorder>
          <EncounterForm
            patientId={props.patientId}
            onDone={(id) => navigate(`/patients/${props.patientId}/chart/encounters/${id}`)}
          />
        </Card>
      )}
      {isLoading && <Loader aria-label="Loading encounters" />}
      {error && <Alert color="red">{error.message} Reload the page to try again.</Alert>}
      {data && data.items.length === 0 && <Text c="dimmed">No encounters yet.</Text>}
      {data && data.items.length > 0 && (
        <Table striped highlightOnHover aria-label="Encounters">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th>Location</Table.Th>
              <Table.Th>Reason</Table.Th>
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/patients/${props.patientId}/chart/encounters/${e.id}`}>
                    {new Date(e.startsAt).toLocaleString()}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {e.type} {e.class === 'inpatient' && <Badge size="xs">inpatient</Badge>}
                </Table.Td>
                <Table.Td>{e.location}</Table.Td>
                <Table.Td>{e.reason}</Table.Td>
                <Table.Td>
                  <StatusBadge
                    status={e.enteredInError ? 'entered_in_error' : e.status}
                    label={e.enteredInError ? 'entered in error' : statusLabel(e.status)}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {data && data.total > PAGE_SIZE && (
        <Pagination total={Math.ceil(data.total / PAGE_SIZE)} value={page} onChange={setPage} />
      )}
    </Stack>
  );
}
