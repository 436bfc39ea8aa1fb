import {
  Alert,
  Button,
  Card,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type FormEvent, type ReactElement, useState } from 'react';
import { type Amendment, useDecideAmendment } from './completeness.api.ts';

export const DENIAL_GROUNDS = [
  { value: 'accurate_complete', label: 'The record is accurate and complete' },
  { value: 'not_created_here', label: 'Not created by us' },
  { value: 'not_in_record_set', label: 'Not part of the designated record set' },
  { value: 'not_available', label: 'Not available for inspection' },
];

/** Accept (append the amendment, list parties to notify) or deny (ground and written basis), 45 CFR 164.526. */
export function AmendmentDecisionCard({ a }: { a: Amendment }): ReactElement {
  const decide = useDecideAmendment();
  const [decision, setDecision] = useState<'accept' | 'deny'>('accept');
  const [text, setText] = useState('');
  const [party, setParty] = useState('');
  const [ground, setGround] = useState<string | null>(null);
  const problem =
    decision === 'accept'
      ? text.trim() === ''
        ? 'Write the amendment to append.'
        : undefined
      : !ground
        ? 'Choose the ground for the denial.'
        : text.trim().length < 10
          ? 'Write the basis for the denial (at least 10 characters).'
          : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (problem) return;
    const body =
      decision === 'accept'
        ? {
            decision,
            amendmentText: text,
            notifyParties: party ? [{ name: party, contact: 'as on file' }] : [],
          }
        : { decision, denialGround: ground, denialBasis: text };
    decide.mutate({ id: a.id, body });
  };
  return (
    <Card withBorder component="form" onSubmit={submit} aria-label="Amendment decision">
      <Stack gap="xs">
        <Text fw={600}>“{a.requestText}”</Text>
        <Text size="xs" c="dimmed">
          Received {a.receivedOn} · decide by {a.effectiveDueOn}
        </Text>
        <SegmentedControl
          value={decision}
          onChange={(v) => setDecision(v as 'accept' | 'deny')}
          data={[
            { label: 'Accept', value: 'accept' },
            { label: 'Deny', value: 'deny' },
          ]}
        />
        {decision === 'deny' && (
          <Select label="Ground (164.526(a)(2))" data={DENIAL_GROUNDS} value={ground} onChange={setGround} />
        )}
        <Textarea
          label={decision === 'accept' ? 'Amendment text' : 'Basis for the denial'}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={text !== '' ? problem : undefined}
        />
        {decision === 'accept' && (
          <TextInput
            label="Person to notify (optional)"
            description="Someone the patient named who received the information."
            value={party}
            onChange={(e) => setParty(e.currentTarget.value)}
          />
        )}
        {decide.error && <Alert color="red">{decide.error.message}</Alert>}
        <Group>
          <Button type="submit" disabled={!!problem} loading={decide.isPending}>
            {decision === 'accept' ? 'Accept amendment' : 'Deny amendment'}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
