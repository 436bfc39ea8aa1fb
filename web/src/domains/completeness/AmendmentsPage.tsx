import { Alert, Button, Card, Group, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { useReasonField } from '../../ui/useReasonField.ts';
import { AmendmentRequestForm } from './AmendmentRequestForm.tsx';
import {
  type Amendment,
  useAmendmentStatement,
  useAmendments,
  useExtendAmendment,
} from './completeness.api.ts';

/** After a denial: the patient's statement of disagreement, then our rebuttal (164.526(d)). */
function Statements({ a }: { a: Amendment }): ReactElement {
  const add = useAmendmentStatement();
  const [text, setText] = useState('');
  const kind = a.statements.some((s) => s.kind === 'disagreement') ? 'rebuttal' : 'disagreement';
  return (
    <Stack gap={4}>
      {a.statements.map((s) => (
        <Text key={s.id} size="sm">
          <b>{s.kind === 'disagreement' ? 'Statement of disagreement' : 'Rebuttal'}:</b> {s.text}
        </Text>
      ))}
      {a.statements.length < 2 && (
        <Group align="flex-end">
          <Textarea
            label={kind === 'disagreement' ? "Patient's statement of disagreement" : 'Our rebuttal'}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            w={500}
          />
          <Button
            variant="default"
            disabled={!text.trim()}
            loading={add.isPending}
            onClick={() => add.mutate({ id: a.id, kind, text }, { onSuccess: () => setText('') })}
          >
            Append
          </Button>
        </Group>
      )}
      {add.error && <Alert color="red">{add.error.message}</Alert>}
    </Stack>
  );
}

/** The one 30-day extension (164.526(b)(2)(ii)), with the written reason sent to the patient. */
function Extend({ a }: { a: Amendment }): ReactElement {
  const extend = useExtendAmendment();
  const reason = useReasonField(10, 'At least 10 characters.');
  return (
    <Group align="flex-end">
      <Textarea label="Reason for a 30-day extension (sent to the patient)" {...reason.inputProps} w={500} />
      <Button
        variant="default"
        disabled={!reason.ok}
        loading={extend.isPending}
        onClick={() => extend.mutate({ id: a.id, reason: reason.value })}
      >
        Extend 30 days
      </Button>
      {extend.error && <Alert color="red">{extend.error.message}</Alert>}
    </Group>
  );
}

/** Amendment requests (HIPAA 164.526): record, follow the 60-day deadline, see decisions and statements. */
export function AmendmentsPage(): ReactElement {
  const [status, setStatus] = useState<string | null>(null);
  const { data, error } = useAmendments(false, status ?? undefined);
  return (
    <Stack maw={1000}>
      <Title order={2}>Amendment requests</Title>
      <AmendmentRequestForm />
      <Select
        label="Status"
        data={['pending', 'accepted', 'denied']}
        value={status}
        onChange={setStatus}
        clearable
        w={160}
      />
      {error && <Alert color="red">{error.message}</Alert>}
      {data?.items.map((a) => (
        <Card key={a.id} withBorder aria-label="Amendment">
          <Group justify="space-between">
            <Text fw={600}>“{a.requestText}”</Text>
            <StatusBadge status={a.status} label={a.status} />
          </Group>
          <Text size="xs" c="dimmed">
            Received {a.receivedOn} · due {a.effectiveDueOn}
            {a.extendedDueOn ? ' (extended)' : ''}
          </Text>
          {a.amendmentText && <Text size="sm">Amendment: {a.amendmentText}</Text>}
          {a.notifyParties.length > 0 && (
            <Text size="sm">Notify: {a.notifyParties.map((p) => p.name).join(', ')}</Text>
          )}
          {a.denialBasis && <Text size="sm">Denied: {a.denialBasis}</Text>}
          {a.status === 'denied' && <Statements a={a} />}
          {a.status === 'pending' && !a.extendedDueOn && <Extend a={a} />}
        </Card>
      ))}
    </Stack>
  );
}
