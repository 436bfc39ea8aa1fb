import { Alert, Button, Group, SegmentedControl, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { type ReactElement, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useMe } from '../access/access.api.ts';
import { useCreateEncounter } from './chart.api.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const required = (label: string) => (v: string) => (v.trim() ? null : `${label} is required`);

/** Schedules an appointment or records an inpatient stay; the provider defaults to the signed-in user. */
export function EncounterForm(props: { patientId: string; onDone: (id: string) => void }): ReactElement {
  const { data: me } = useMe();
  const create = useCreateEncounter(props.patientId);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { class: 'appointment', type: '', startsAt: '', location: '', reason: '', providerId: '' },
    validate: {
      type: required('Type'),
      startsAt: (v) => (v && !Number.isNaN(Date.parse(v)) ? null : 'Choose a date and time'),
      location: required('Location'),
      reason: required('Reason'),
      providerId: (v) =>
        !v || UUID.test(v.trim()) ? null : "Paste the provider's user id, or leave empty for yourself",
    },
    validateInputOnChange: true,
  });
  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      const enc = await create.mutateAsync({
        ...v,
        startsAt: new Date(v.startsAt).toISOString(),
        providerId: v.providerId.trim() || me?.user.id,
      });
      form.reset();
      props.onDone(enc.id);
    } catch (e) {
      const issues =
        e instanceof ApiError
          ? (e.details as { issues?: { field: string; message: string }[] })?.issues
          : undefined;
      for (const i of issues ?? []) form.setFieldError(i.field, i.message);
      setError(
        e instanceof Error ? `${e.message} Correct the highlighted fields and save again.` : 'Saving failed.',
      );
    }
  });
  return (
    <form onSubmit={submit} aria-label="Schedule encounter">
      <Stack gap="sm">
        {error && <Alert color="red">{error}</Alert>}
        <SegmentedControl
          w="fit-content"
          data={[
            { value: 'appointment', label: 'Appointment' },
            { value: 'inpatient', label: 'Inpatient stay' },
          ]}
          {...form.getInputProps('class')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <TextInput label="Type" placeholder="e.g. follow-up" withAsterisk {...form.getInputProps('type')} />
          <TextInput
            label={form.values.class === 'inpatient' ? 'Admitted at' : 'Date and time'}
            type="datetime-local"
            withAsterisk
            {...form.getInputProps('startsAt')}
          />
          <TextInput label="Location" withAsterisk {...form.getInputProps('location')} />
          <TextInput label="Reason" withAsterisk {...form.getInputProps('reason')} />
          <TextInput
            label="Provider user id"
            description={`Leave empty for yourself (${me?.user.fullName ?? ''})`}
            {...form.getInputProps('providerId')}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={create.isPending}>
            Schedule
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
