import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import type { FormEvent, ReactElement } from 'react';
import { Link, useParams } from 'react-router';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { useReasonField } from '../../ui/useReasonField.ts';
import { useMe } from '../access/access.api.ts';
import { useDeficiency, useWaive } from './completeness.api.ts';

/** One deficiency: what is missing, from whom, since when, its history; HIM staff can waive it with a reason. */
export function DeficiencyPage(): ReactElement {
  const { id = '' } = useParams();
  const { data: me } = useMe();
  const { data: d, error, isLoading } = useDeficiency(id);
  const waive = useWaive();
  const reason = useReasonField(3, 'Say why (at least 3 characters).');
  if (isLoading) return <Loader aria-label="Loading deficiency" />;
  if (error || !d) return <Alert color="red">{error?.message ?? 'Not found.'} Go back to the queue.</Alert>;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.ok) return;
    waive.mutate({ id, reason: reason.value });
  };
  return (
    <Stack maw={900}>
      <Anchor component={Link} to="/completion/queue" size="sm">
        ← Deficiency queue
      </Anchor>
      <Group justify="space-between">
        <Title order={2}>{d.description}</Title>
        <StatusBadge
          size="lg"
          status={d.status === 'open' ? d.stage : d.status}
          label={d.status === 'open' ? d.stage : d.status}
        />
      </Group>
      <Text>
        {d.patientName} (MRN {d.mrn}) ·{' '}
        <Anchor component={Link} to={`/patients/${d.patientId}/chart/encounters/${d.encounterId}`}>
          open the encounter
        </Anchor>
      </Text>
      <Text size="sm">
        Waiting on {d.responsibleName ?? 'nobody yet'} · due {new Date(d.dueAt).toLocaleString()} · rule{' '}
        {d.ruleId}
        {d.closeReason ? ` · ${d.closeReason}` : ''}
      </Text>
      <Card withBorder>
        <Title order={4} mb="xs">
          History
        </Title>
        <Table fz="sm" aria-label="Deficiency history">
          <Table.Tbody>
            {d.events.map((e) => (
              <Table.Tr key={`${e.at}-${e.action}`}>
                <Table.Td>{new Date(e.at).toLocaleString()}</Table.Td>
                <Table.Td>{e.action}</Table.Td>
                <Table.Td>{e.actorName ?? 'analysis'}</Table.Td>
                <Table.Td>{e.reason ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      {d.status === 'open' && me?.permissions.includes('completion:manage') && (
        <Card withBorder component="form" onSubmit={submit} aria-label="Waive deficiency">
          <Stack>
            <Textarea
              label="Reason for waiving"
              description="Kept with the deficiency and in the audit trail."
              {...reason.inputProps}
              required
            />
            {waive.error && <Alert color="red">{waive.error.message}</Alert>}
            <Group>
              <Button type="submit" color="orange" disabled={!reason.ok} loading={waive.isPending}>
                Waive
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
