import { Alert, Button, Card, Group, Stack, TextInput } from '@mantine/core';
import { type FormEvent, type ReactElement, useState } from 'react';
import { useOpenManual } from './completeness.api.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A clerk opens a deficiency the rules cannot see (e.g. outside records not filed). */
export function ManualDeficiencyForm(): ReactElement {
  const open = useOpenManual();
  const [d, setD] = useState({ encounterId: '', description: '', responsibleUserId: '', dueOn: '' });
  const problems = {
    encounterId: d.encounterId && !UUID.test(d.encounterId) ? 'Paste the encounter id.' : undefined,
    responsibleUserId:
      d.responsibleUserId && !UUID.test(d.responsibleUserId) ? "Paste the clinician's user id." : undefined,
    dueOn:
      d.dueOn && d.dueOn < new Date().toISOString().slice(0, 10)
        ? 'The due date cannot be in the past.'
        : undefined,
  };
  const ok =
    d.encounterId &&
    d.description.trim().length >= 3 &&
    d.responsibleUserId &&
    d.dueOn &&
    !Object.values(problems).some(Boolean);
  const set = (k: keyof typeof d) => (e: { currentTarget: { value: string } }) => {
    const v = e.currentTarget.value;
    setD((x) => ({ ...x, [k]: v }));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!ok) return;
    open.mutate({ ...d, dueAt: `${d.dueOn}T23:59:59Z` });
  };
  return (
    <Card withBorder component="form" onSubmit={submit} aria-label="Open a deficiency by hand">
      <Stack gap="xs">
        <Group grow>
          <TextInput
            label="Encounter id"
            value={d.encounterId}
            onChange={set('encounterId')}
            error={problems.encounterId}
          />
          <TextInput label="What is missing" value={d.description} onChange={set('description')} />
        </Group>
        <Group grow>
          <TextInput
            label="Clinician (user id)"
            value={d.responsibleUserId}
            onChange={set('responsibleUserId')}
            error={problems.responsibleUserId}
          />
          <TextInput
            label="Due on"
            type="date"
            value={d.dueOn}
            onChange={set('dueOn')}
            error={problems.dueOn}
          />
        </Group>
        {open.error && <Alert color="red">{open.error.message}</Alert>}
        {open.isSuccess && <Alert color="teal">Deficiency opened.</Alert>}
        <Group>
          <Button type="submit" disabled={!ok} loading={open.isPending}>
            Open deficiency
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
