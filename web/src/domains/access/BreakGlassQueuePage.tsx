import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { type BreakGlassRow, fieldErrors, useBreakGlassQueue, useReviewBreakGlass } from './access.api.ts';

/** The privacy officer's break-the-glass review queue: acknowledge or escalate each event with a note. */
export function BreakGlassQueuePage(): ReactElement {
  const [status, setStatus] = useState('pending');
  const { data = [], error } = useBreakGlassQueue(status);
  const [reviewing, setReviewing] = useState<BreakGlassRow | null>(null);
  return (
    <Stack>
      <Title order={2}>Break-the-glass review</Title>
      <SegmentedControl
        w={420}
        value={status}
        onChange={setStatus}
        data={[
          { value: 'pending', label: 'Pending' },
          { value: 'escalated', label: 'Escalated' },
          { value: 'acknowledged', label: 'Closed' },
        ]}
      />
      {error && <Alert color="red">{error.message}</Alert>}
      {data.length === 0 ? (
        <Text c="dimmed">Nothing here.</Text>
      ) : (
        <Table striped aria-label="Break-the-glass events">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Who</Table.Th>
              <Table.Th>Patient</Table.Th>
              <Table.Th>Reason</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.map((b) => (
              <Table.Tr key={b.id}>
                <Table.Td>{new Date(b.startedAt).toLocaleString()}</Table.Td>
                <Table.Td>{b.fullName}</Table.Td>
                <Table.Td ff="monospace" fz="xs">
                  {b.patientId}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {b.reasonCode}
                  </Text>
                  <Text size="sm">{b.reasonText}</Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light">{b.reviewStatus}</Badge>
                </Table.Td>
                <Table.Td>
                  {b.reviewStatus !== 'acknowledged' && (
                    <Button size="xs" onClick={() => setReviewing(b)}>
                      Review
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={!!reviewing} onClose={() => setReviewing(null)} title="Review emergency access">
        {reviewing && <ReviewForm row={reviewing} onDone={() => setReviewing(null)} />}
      </Modal>
    </Stack>
  );
}

function ReviewForm({ row, onDone }: { row: BreakGlassRow; onDone: () => void }): ReactElement {
  const review = useReviewBreakGlass();
  const [note, setNote] = useState('');
  const go = (decision: 'acknowledged' | 'escalated') =>
    review.mutate({ id: row.id, decision, note }, { onSuccess: onDone });
  return (
    <Stack>
      <Text size="sm">
        {row.fullName} ({row.username}): {row.reasonText}
      </Text>
      <Textarea
        label="Review note"
        autosize
        minRows={3}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        error={fieldErrors(review.error).note}
      />
      <Group justify="flex-end">
        <Button
          color="orange"
          variant="light"
          disabled={note.trim().length < 3}
          onClick={() => go('escalated')}
        >
          Escalate
        </Button>
        <Button disabled={note.trim().length < 3} onClick={() => go('acknowledged')}>
          Acknowledge
        </Button>
      </Group>
    </Stack>
  );
}
