import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { Link, useParams } from 'react-router';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { fieldErrors } from '../access/access.api.ts';
import { labelText } from '../patients/restrictions.api.ts';
import { type AlertDetail, type AlertStatus, STATUS_LABEL, useAlert, useReviewAlert } from './privacy.api.ts';

/** One alert: why it was raised, the evidence timeline of audit events, and the review. */
export function AlertPage(): ReactElement {
  const { id = '' } = useParams();
  const { data: a, error } = useAlert(id);
  if (error) return <Alert color="red">{error.message} Go back to the alert queue and open it again.</Alert>;
  if (!a) return <Loader aria-label="Loading alert" />;
  return (
    <Stack maw={1100}>
      <Group justify="space-between">
        <Title order={2}>
          Privacy alert · {a.username} · {a.day}
        </Title>
        <StatusBadge size="lg" status={a.status} label={STATUS_LABEL[a.status]} />
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={4}>Why</Title>
          <List size="sm" mt="xs">
            {a.hits.map((h) => (
              <List.Item key={h.rule}>
                <b>{h.rule.replaceAll('_', ' ')}</b>: {h.why}
              </List.Item>
            ))}
          </List>
          {a.volume && (
            <Text size="sm" mt="xs">
              {a.volume.charts} charts that day; own median {a.volume.userMedian ?? '—'}; role percentile{' '}
              {a.volume.rolePercentile ?? '—'}.
            </Text>
          )}
        </Card>
        <Card withBorder>
          <Title order={4}>Who and whose</Title>
          <Text size="sm" mt="xs">
            User{' '}
            <Anchor component={Link} to={`/privacy/users/${a.userId}?name=${encodeURIComponent(a.username)}`}>
              {a.username}
            </Anchor>{' '}
            ({a.role ?? 'no role'}) · {a.eventCount} events from {new Date(a.firstAt).toLocaleTimeString()} to{' '}
            {new Date(a.lastAt).toLocaleTimeString()}
          </Text>
          {a.patient && (
            <Text size="sm">
              Patient{' '}
              <Anchor component={Link} to={`/patients/${a.patient.id}`}>
                {a.patient.name}
              </Anchor>{' '}
              · MRN {a.patient.mrn}
            </Text>
          )}
          <Group gap="xs" mt="xs">
            {a.labels.map((l) => (
              <Badge key={l} color="red">
                {labelText(l)}
              </Badge>
            ))}
            {a.breakGlass && <Badge color="orange">Break the glass</Badge>}
            {a.deceased && <Badge color="dark">Deceased {a.deceased}</Badge>}
          </Group>
        </Card>
      </SimpleGrid>
      <Review alert={a} />
      <Title order={3}>Evidence</Title>
      <Table striped aria-label="Evidence timeline">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>What</Table.Th>
            <Table.Th>Outcome</Table.Th>
            <Table.Th>From</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {a.timeline.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>{new Date(e.at).toLocaleString()}</Table.Td>
              <Table.Td>
                {e.action}
                {e.breakGlass && (
                  <Badge ml="xs" size="xs" color="orange">
                    break glass
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{e.resourceType ?? '—'}</Table.Td>
              <Table.Td>{e.outcome}</Table.Td>
              <Table.Td>
                {e.channel ?? ''} {e.sourceIp ?? ''}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {a.history.length > 0 && (
        <>
          <Title order={3}>Review history</Title>
          <Timeline active={a.history.length} bulletSize={14} lineWidth={2}>
            {a.history.map((h) => (
              <Timeline.Item
                key={`${h.at}-${h.toStatus}`}
                title={STATUS_LABEL[h.toStatus as AlertStatus] ?? h.toStatus}
              >
                <Text size="xs" c="dimmed">
                  {new Date(h.at).toLocaleString()} · {h.by}
                </Text>
                {h.notes && <Text size="sm">{h.notes}</Text>}
              </Timeline.Item>
            ))}
          </Timeline>
        </>
      )}
    </Stack>
  );
}

/** Life cycle: new → under review → closed as appropriate / as a violation (notes required to close). */
function Review({ alert }: { alert: AlertDetail }): ReactElement {
  const review = useReviewAlert(alert.id);
  const [notes, setNotes] = useState(alert.notes ?? '');
  const [touched, setTouched] = useState(false);
  const closed = alert.status.startsWith('closed');
  const notesError =
    (touched && notes.trim().length < 5 ? 'Write what you found (a few words) before closing.' : undefined) ??
    fieldErrors(review.error).notes;
  const go = (status: AlertStatus) => {
    if (status.startsWith('closed')) {
      setTouched(true);
      if (notes.trim().length < 5) return;
    }
    review.mutate({ status, notes: notes.trim() || undefined, version: alert.version });
  };
  if (closed)
    return (
      <Card withBorder>
        <Text size="sm">
          Closed by {alert.reviewedBy} on{' '}
          {alert.reviewedAt ? new Date(alert.reviewedAt).toLocaleString() : '—'}: {alert.notes}
        </Text>
        {alert.accountedAt && (
          <Text size="xs" c="dimmed" mt={4}>
            Entered in the patient's accounting of disclosures on{' '}
            {new Date(alert.accountedAt).toLocaleString()} (45 CFR 164.528).
          </Text>
        )}
      </Card>
    );
  return (
    <Card withBorder aria-label="Review">
      <Stack>
        <Textarea
          label="Review notes"
          description="What you checked (schedule, request, the user's explanation) and what you concluded."
          autosize
          minRows={2}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          error={notesError}
        />
        {review.error && !fieldErrors(review.error).notes && (
          <Alert color="red">{review.error.message}</Alert>
        )}
        <Group justify="flex-end">
          {alert.status === 'new' && (
            <Button variant="light" loading={review.isPending} onClick={() => go('under_review')}>
              Start review
            </Button>
          )}
          <Button color="teal" loading={review.isPending} onClick={() => go('closed_appropriate')}>
            Close: appropriate
          </Button>
          <Button color="grape" loading={review.isPending} onClick={() => go('closed_violation')}>
            Close: violation
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
