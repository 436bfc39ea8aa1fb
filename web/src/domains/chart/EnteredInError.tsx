import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import type { ReactElement } from 'react';
import { useReasonField } from '../../ui/useReasonField.ts';
import { useMarkInError, type VersionedKind } from './chart.api.ts';

/** Asks why, then marks the item entered-in-error; it stays visible with the reason (nothing is deleted). */
export function EnteredInError(props: {
  patientId: string;
  kind: VersionedKind;
  target: { id: string; version: number } | null;
  onClose: () => void;
}): ReactElement {
  const mark = useMarkInError(props.patientId, props.kind);
  const reason = useReasonField(3, 'Give a reason of at least 3 characters');
  return (
    <Modal opened={props.target !== null} onClose={props.onClose} title="Mark entered in error">
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (!props.target || !reason.ok) return;
          await mark.mutateAsync({ ...props.target, reason: reason.value.trim() });
          reason.reset();
          props.onClose();
        }}
      >
        <Stack>
          {mark.error && <Alert color="red">{mark.error.message}</Alert>}
          <TextInput
            label="Reason"
            description="Say why, e.g. recorded on the wrong patient"
            {...reason.inputProps}
            data-autofocus
            withAsterisk
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red" disabled={!reason.ok} loading={mark.isPending}>
              Mark entered in error
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
