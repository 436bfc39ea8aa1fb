import { Alert, Anchor, Button, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactElement } from 'react';
import { Link, useParams } from 'react-router';
import { StatusBadge, statusTone } from '../../ui/StatusBadge.tsx';
import { OUTCOME_LABEL, useHl7Message, useReplay } from './hl7.api.ts';

/** One received message: its raw text (PHI: opening it is audited), the ACK sent, attempts, replay. */
export function Hl7MessagePage(): ReactElement {
  const { id = '' } = useParams();
  const { data: m, error } = useHl7Message(id);
  const replay = useReplay(id);
  if (error) return <Alert color="red">{error.message}</Alert>;
  if (!m) return <Text>Loading the message…</Text>;
  return (
    <Stack maw={1200}>
      <Anchor component={Link} to="/interface/hl7">
        ← All messages
      </Anchor>
      <Group justify="space-between">
        <Title order={2}>
          {m.messageType ?? 'Unreadable message'} · {m.controlId ?? 'no control id'}
        </Title>
        <StatusBadge size="lg" status={m.outcome} label={`${m.outcome} ${OUTCOME_LABEL[m.outcome]}`} />
      </Group>
      <Text size="sm" c="dimmed">
        Received {new Date(m.receivedAt).toLocaleString()} via {m.source} from{' '}
        {[m.sendingApplication, m.sendingFacility].filter(Boolean).join(' / ') || 'an unknown sender'}
        {m.duplicates > 0 ? ` · resent ${m.duplicates} time(s), never applied twice` : ''}
      </Text>
      {m.patientId && (
        <Anchor component={Link} to={`/patients/${m.patientId}/chart`}>
          Open the patient's chart
        </Anchor>
      )}
      {m.error && (
        <Alert
          color={m.outcome === 'AA' ? 'yellow' : 'orange'}
          title={m.outcome === 'AA' ? 'Warnings' : 'Why it was not applied'}
        >
          {m.error}
        </Alert>
      )}
      {m.outcome !== 'AA' && (
        <Group>
          <Button onClick={() => replay.mutate()} loading={replay.isPending}>
            Replay this message
          </Button>
          <Text size="sm" c="dimmed">
            Fix the cause first (for example, wait for the admit a cancel refers to), then replay.
          </Text>
        </Group>
      )}
      {replay.error && <Alert color="red">{replay.error.message}</Alert>}
      {replay.data && (
        <Alert color={statusTone(replay.data.outcome)} data-testid="hl7-replay-result">
          Replay answered {replay.data.outcome}
          {replay.data.error ? `: ${replay.data.error}` : '.'}
        </Alert>
      )}
      <Title order={4}>Raw message</Title>
      <Code block data-testid="hl7-raw">
        {m.raw.split('\r').join('\n')}
      </Code>
      <Title order={4}>Acknowledgement sent</Title>
      <Code block>{m.ack.split('\r').join('\n')}</Code>
      <Title order={4}>Processing attempts</Title>
      <Table aria-label="Processing attempts">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>By</Table.Th>
            <Table.Th>Answer</Table.Th>
            <Table.Th>Problem</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {m.history.map((a) => (
            <Table.Tr key={a.attemptedAt + a.outcome}>
              <Table.Td>{new Date(a.attemptedAt).toLocaleString()}</Table.Td>
              <Table.Td>{a.attemptedBy}</Table.Td>
              <Table.Td>
                <StatusBadge status={a.outcome} label={a.outcome} />
              </Table.Td>
              <Table.Td>{a.error ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
