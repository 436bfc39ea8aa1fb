import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { useMarkInError, type VersionedKind } from './chart.api.ts';

/** Asks why, then marks the item entered-in-error; it stays visible with the reason (nothing is deleted). */
export function EnteredInError(props: {
  patientId: string;
  kind: VersionedKind;
  target: { id: string; version: number } | null;
  onClose: () => void;
}): ReactElement {
  const mark = useMarkInError(props.patientId, props.kind);
  const [reason, setReason] = useState('');
  const tooShort = reason.trim().length < 3;
  return (
    <Modal opened={props.target !== null} onClose={props.onClose} title="Mark entered in error">
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (!props.target || tooShort) return;
          await mark.mutateAsync({ ...props.target, reason: reason.trim() });
          setReason('');
          props.onClose();
        }}
      >
        <Stack>
          {mark.error && <Alert color="red">{mark.error.message}</Alert>}
          <TextInput
            label="Reason"
            description="Say why, e.g. recorded on the wrong patient"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={reason && tooShort ? 'Give a reason of at least 3 characters' : null}
            data-autofocus
            withAsterisk
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red" disabled={tooShort} loading={mark.isPending}>
              Mark entered in error
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
