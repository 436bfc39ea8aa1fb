import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, type ReactElement, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useAskQuery, useQueries } from './completeness.api.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const today = () => new Date().toISOString().slice(0, 10);

/** Problems with a query draft, field by field, shown as the clerk types. */
function draftProblems(d: Record<string, string>) {
  const options =
    d.options
      ?.split('\n')
      .map((o) => o.trim())
      .filter(Boolean) ?? [];
  return {
    patientId: d.patientId && !UUID.test(d.patientId) ? 'Paste the patient id.' : undefined,
    encounterId: d.encounterId && !UUID.test(d.encounterId) ? 'Paste the encounter id.' : undefined,
    addresseeUserId:
      d.addresseeUserId && !UUID.test(d.addresseeUserId) ? "Paste the clinician's user id." : undefined,
    options:
      d.options && options.length < 2
        ? 'Offer at least two answers, one per line, including a neutral one.'
        : undefined,
    dueOn: d.dueOn && d.dueOn < today() ? 'The due date cannot be in the past.' : undefined,
  };
}

/** Clinician queries: ask one (compliant, non-leading options) and follow the open and answered ones. */
export function QueriesPage(): ReactElement {
  const [params] = useSearchParams();
  const [status, setStatus] = useState<string | null>('open');
  const list = useQueries(false, status ?? undefined);
  const ask = useAskQuery();
  const [d, setD] = useState<Record<string, string>>({
    patientId: params.get('patientId') ?? '',
    encounterId: params.get('encounterId') ?? '',
    addresseeUserId: params.get('addressee') ?? '',
    question: '',
    options: '',
    dueOn: '',
  });
  const problems = draftProblems(d);
  const complete = !!(d.patientId && d.addresseeUserId && d.question?.trim() && d.options && d.dueOn);
  const ok = complete && Object.values(problems).every((p) => !p);
  const set = (k: string) => (e: { currentTarget: { value: string } }) => {
    const v = e.currentTarget.value;
    setD((x) => ({ ...x, [k]: v }));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!ok) return;
    ask.mutate(
      {
        patientId: d.patientId,
        ...(d.encounterId ? { encounterId: d.encounterId } : {}),
        question: d.question,
        options: d.options
          ?.split('\n')
          .map((o) => o.trim())
          .filter(Boolean),
        dueOn: d.dueOn,
        addresseeUserId: d.addresseeUserId,
      },
      { onSuccess: () => setD((x) => ({ ...x, question: '', options: '' })) },
    );
  };
  return (
    <Stack maw={1100}>
      <Title order={2}>Clinician queries</Title>
      <Card withBorder component="form" onSubmit={submit} aria-label="Ask a query">
        <Stack gap="xs">
          <Group grow>
            <TextInput
              label="Patient id"
              value={d.patientId}
              onChange={set('patientId')}
              error={problems.patientId}
              required
            />
            <TextInput
              label="Encounter id"
              value={d.encounterId}
              onChange={set('encounterId')}
              error={problems.encounterId}
            />
          </Group>
          <Textarea
            label="Question"
            value={d.question}
            onChange={set('question')}
            required
            autosize
            minRows={2}
          />
          <Textarea
            label="Answer options (one per line)"
            description="Non-leading: include options such as “Clinically undetermined” and “Other”."
            value={d.options}
            onChange={set('options')}
            error={problems.options}
            autosize
            minRows={3}
            required
          />
          <Group grow>
            <TextInput
              label="Clinician (user id)"
              value={d.addresseeUserId}
              onChange={set('addresseeUserId')}
              error={problems.addresseeUserId}
              required
            />
            <TextInput
              label="Due on"
              type="date"
              value={d.dueOn}
              onChange={set('dueOn')}
              error={problems.dueOn}
              required
            />
          </Group>
          {ask.error && <Alert color="red">{ask.error.message}</Alert>}
          {ask.isSuccess && <Alert color="teal">Query sent to the clinician's inbox.</Alert>}
          <Group>
            <Button type="submit" disabled={!ok} loading={ask.isPending}>
              Send query
            </Button>
          </Group>
        </Stack>
      </Card>
      <Group align="flex-end">
        <Select
          label="Status"
          data={['open', 'answered', 'withdrawn']}
          value={status}
          onChange={setStatus}
          clearable
          w={160}
        />
        <Text size="sm" c="dimmed">
          {list.data?.total ?? 0} queries
        </Text>
      </Group>
      <Table striped aria-label="Queries" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Question</Table.Th>
            <Table.Th>Clinician</Table.Th>
            <Table.Th>Due</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Answer</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.items.map((q) => (
            <Table.Tr key={q.id}>
              <Table.Td>{q.question}</Table.Td>
              <Table.Td>{q.addresseeName ?? q.addresseeUserId}</Table.Td>
              <Table.Td>{q.dueOn}</Table.Td>
              <Table.Td>
                <Badge color={q.status === 'open' ? 'orange' : 'teal'}>{q.status}</Badge>
              </Table.Td>
              <Table.Td>{[q.answerOption, q.answerText].filter(Boolean).join(' — ')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
