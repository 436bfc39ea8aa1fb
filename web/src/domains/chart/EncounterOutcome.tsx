import { Alert, Button, Group, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { type Encounter, useUpdateEncounter } from './chart.api.ts';

/** Discharge dispositions as UB-04 FL 17 patient discharge status groups them, in plain words. */
const DISCHARGE = [
  'home or self-care',
  'home health care',
  'skilled nursing facility',
  'inpatient rehabilitation',
  'another acute care hospital',
  'hospice',
  'left against medical advice',
  'expired',
];
const localInput = (iso: string | null): string => {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/** Disposition and follow-up instructions of a visit, saved as a new version of the encounter. */
export function EncounterOutcome(props: { encounter: Encounter; canWrite: boolean }): ReactElement {
  const e = props.encounter;
  const update = useUpdateEncounter(e.patientId);
  const [disposition, setDisposition] = useState(e.disposition ?? '');
  const [followUp, setFollowUp] = useState(e.followUp ?? '');
  const [dischargedAt, setDischargedAt] = useState(localInput(e.dischargedAt));
  const [dischargeDisposition, setDischargeDisposition] = useState<string | null>(e.dischargeDisposition);
  const dirty =
    disposition !== (e.disposition ?? '') ||
    followUp !== (e.followUp ?? '') ||
    dischargedAt !== localInput(e.dischargedAt) ||
    dischargeDisposition !== e.dischargeDisposition;
  const missingDisposition = dischargedAt !== '' && !dischargeDisposition;
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
      ...(dischargedAt ? { dischargedAt: new Date(dischargedAt).toISOString() } : {}),
      ...(dischargeDisposition ? { dischargeDisposition } : {}),
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
      {e.class === 'inpatient' && (
        <Group grow align="flex-start">
          <TextInput
            label="Discharged at"
            type="datetime-local"
            value={dischargedAt}
            disabled={!props.canWrite}
            onChange={(ev) => setDischargedAt(ev.currentTarget.value)}
          />
          <Select
            label="Discharge disposition"
            data={DISCHARGE}
            value={dischargeDisposition}
            disabled={!props.canWrite}
            onChange={setDischargeDisposition}
            error={missingDisposition ? 'Choose where the patient was discharged to' : null}
          />
        </Group>
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
        <Button
          w="fit-content"
          variant="light"
          disabled={!dirty || missingDisposition}
          loading={update.isPending}
          onClick={save}
        >
          Save outcome
        </Button>
      )}
    </Stack>
  );
}
