import { Alert, Button, Card, Checkbox, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, type ReactElement, useState } from 'react';
import { api } from '../../api/client.ts';
import { useRequestAmendment } from './completeness.api.ts';

interface NoteRow {
  id: string;
  createdBy: string;
  createdAt: string;
  data: { title?: string; noteType?: string };
}
const today = () => new Date().toISOString().slice(0, 10);

/** Records a patient's amendment request: find the chart by MRN, pick the notes, route to the author. */
export function AmendmentRequestForm(): ReactElement {
  const request = useRequestAmendment();
  const [mrn, setMrn] = useState('');
  const [patientId, setPatientId] = useState('');
  const [notes, setNotes] = useState<NoteRow[]>([]);
  const [lookupError, setLookupError] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [receivedOn, setReceivedOn] = useState(today());
  const dateProblem = receivedOn > today() ? 'The request cannot be received in the future.' : undefined;
  const find = async () => {
    setLookupError('');
    try {
      const { patientId: id } = await api<{ patientId: string }>('/chart/lookup', {
        method: 'POST',
        json: { mrn },
      });
      const page = await api<{ items: NoteRow[] }>(`/patients/${id}/notes?limit=100`);
      setPatientId(id);
      setNotes(page.items);
    } catch (e) {
      setLookupError((e as Error).message);
    }
  };
  const author = notes.find((n) => n.id === picked[0])?.createdBy ?? '';
  const ok = patientId && picked.length > 0 && text.trim() && !dateProblem && author;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!ok) return;
    request.mutate(
      { patientId, entryIds: picked, request: text, receivedOn, authorUserId: author },
      {
        onSuccess: () => {
          setPicked([]);
          setText('');
        },
      },
    );
  };
  return (
    <Card withBorder component="form" onSubmit={submit} aria-label="Amendment request">
      <Stack gap="xs">
        <Group align="flex-end">
          <TextInput label="Patient MRN" value={mrn} onChange={(e) => setMrn(e.currentTarget.value.trim())} />
          <Button variant="default" onClick={() => void find()} disabled={!mrn}>
            Find chart
          </Button>
        </Group>
        {lookupError && <Alert color="red">{lookupError} Check the MRN.</Alert>}
        {patientId && notes.length === 0 && <Text c="dimmed">This chart has no notes to amend.</Text>}
        {notes.length > 0 && (
          <Checkbox.Group label="Notes the request is about" value={picked} onChange={setPicked}>
            <Stack gap={4} mt={4}>
              {notes.map((n) => (
                <Checkbox
                  key={n.id}
                  value={n.id}
                  label={`${n.data.title ?? n.data.noteType} · ${new Date(n.createdAt).toLocaleDateString()}`}
                />
              ))}
            </Stack>
          </Checkbox.Group>
        )}
        <Textarea
          label="What the patient asks to change, in their words"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        <TextInput
          label="Received on"
          type="date"
          value={receivedOn}
          onChange={(e) => setReceivedOn(e.currentTarget.value)}
          error={dateProblem}
        />
        <Text size="xs" c="dimmed">
          Routed to the author of the first note picked; the decision is due within 60 days (45 CFR
          164.526(b)(2)).
        </Text>
        {request.error && <Alert color="red">{request.error.message}</Alert>}
        {request.isSuccess && <Alert color="teal">Request recorded and routed to the author.</Alert>}
        <Group>
          <Button type="submit" disabled={!ok} loading={request.isPending}>
            Record request
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
