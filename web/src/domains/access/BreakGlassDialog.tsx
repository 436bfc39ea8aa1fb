import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, type ReactElement, useState } from 'react';
import { fieldErrors, useBreakGlassReasons, useDeclareBreakGlass } from './access.api.ts';

/**
 * Break-the-glass: a clinician without access to a restricted record declares an emergency with a
 * reason and an explanation. Access is granted for a limited time and reviewed by the privacy officer.
 * Patient chart screens open this when the API answers PATIENT_RESTRICTED with breakGlassAvailable.
 */
export function BreakGlassDialog({
  patientId,
  opened,
  onClose,
  onGranted,
}: {
  patientId: string;
  opened: boolean;
  onClose: () => void;
  onGranted: (expiresAt: string) => void;
}): ReactElement {
  const reasons = useBreakGlassReasons(opened).data ?? [];
  const declare = useDeclareBreakGlass();
  const [reasonCode, setReasonCode] = useState<string | null>(null);
  const [text, setText] = useState('');
  const server = fieldErrors(declare.error);
  const short =
    text.length > 0 && text.trim().length < 10
      ? 'Explain the emergency (at least 10 characters).'
      : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!reasonCode || text.trim().length < 10) return;
    declare.mutate(
      { patientId, reasonCode, reasonText: text.trim() },
      { onSuccess: (r) => onGranted(r.expiresAt) },
    );
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Emergency access (break the glass)" centered>
      <Stack component="form" onSubmit={submit} aria-label="Break the glass">
        <Alert color="red" variant="light">
          This record is restricted. Open it only for a genuine emergency: your access is logged, flagged and
          reviewed by the privacy officer.
        </Alert>
        <Select
          label="Reason"
          data={reasons.map((r) => ({ value: r.code, label: r.label }))}
          value={reasonCode}
          onChange={setReasonCode}
          error={server.reasonCode}
          required
        />
        <Textarea
          label="Explanation"
          autosize
          minRows={3}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={short ?? server.reasonText}
          required
        />
        {declare.error && !Object.keys(server).length && <Text c="red">{declare.error.message}</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            type="submit"
            color="red"
            disabled={!reasonCode || text.trim().length < 10}
            loading={declare.isPending}
          >
            Open the record
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
