import { Alert, Button, Group, Stack, Textarea } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { type Encounter, useUpdateEncounter } from './chart.api.ts';

/** Disposition and follow-up instructions of a visit, saved as a new version of the encounter. */
export function EncounterOutcome(props: { encounter: Encounter; canWrite: boolean }): ReactElement {
  const e = props.encounter;
  const update = useUpdateEncounter(e.patientId);
  const [disposition, setDisposition] = useState(e.disposition ?? '');
  const [followUp, setFollowUp] = useState(e.followUp ?? '');
  const dirty = disposition !== (e.disposition ?? '') || followUp !== (e.followUp ?? '');
  const save = async () => {
    await update.mutateAsync({
      id: e.id,
      version: e.version,
      changeReason: 'visit outcome recorded',
      class: e.class,
      type: e.type,
      startsAt: e.startsAt,
      providerId: e.providerId,
      location: e.location,
      reason: e.reason,
      ...(e.dischargedAt ? { dischargedAt: e.dischargedAt } : {}),
      ...(e.dischargeDisposition ? { dischargeDisposition: e.dischargeDisposition } : {}),
      ...(disposition.trim() ? { disposition: disposition.trim() } : {}),
      ...(followUp.trim() ? { followUp: followUp.trim() } : {}),
    });
  };
  return (
    <Stack gap="sm">
      {update.error && (
        <Alert color="red">
          {update.error.message}
          {(update.error as { status?: number }).status === 409
            ? ' Reload the page to see their change.'
            : ''}
        </Alert>
      )}
      <Group grow align="flex-start">
        <Textarea
          label="Disposition"
          autosize
          minRows={2}
          value={disposition}
          disabled={!props.canWrite}
          onChange={(ev) => setDisposition(ev.currentTarget.value)}
        />
        <Textarea
          label="Follow-up instructions"
          autosize
          minRows={2}
          value={followUp}
          disabled={!props.canWrite}
          onChange={(ev) => setFollowUp(ev.currentTarget.value)}
        />
      </Group>
      {props.canWrite && (
        <Button w="fit-content" variant="light" disabled={!dirty} loading={update.isPending} onClick={save}>
          Save outcome
        </Button>
      )}
    </Stack>
  );
}
