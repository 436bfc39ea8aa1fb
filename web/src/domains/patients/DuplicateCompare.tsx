import { Alert, Button, Group, Radio, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { MatchWaterfall } from './MatchWaterfall.tsx';
import {
  type DuplicatePair,
  type Patient,
  useDeferPair,
  useMerge,
  useNotDuplicate,
  usePatient,
} from './patients.api.ts';

const ROWS: [string, (p: Patient) => string][] = [
  ['MRN', (p) => p.mrn],
  [
    'Name',
    (p) => `${p.family}, ${p.given}${p.middle ? ` ${p.middle}` : ''}${p.suffix ? ` ${p.suffix}` : ''}`,
  ],
  ['Date of birth', (p) => p.birthDate],
  ['Sex at birth', (p) => p.sexAtBirth],
  ['SSN', (p) => p.ssnMasked ?? '—'],
  ['Address', (p) => (p.address ? `${p.address.line1}, ${p.address.city}` : '—')],
  ['Phone', (p) => p.phones.map((x) => x.number).join(', ') || '—'],
  ['Identifiers', (p) => p.identifiers.map((i) => i.value).join(', ') || '—'],
];

const noteProblem = (n: string) =>
  n.trim().length < 3 ? 'Say what you are waiting for (at least 3 characters).' : null;

/** One pair side by side, the weight waterfall that explains its score, and the reviewer's decision. */
export function DuplicateCompare({
  pair,
  onDone,
}: {
  pair: DuplicatePair;
  onDone: () => void;
}): ReactElement {
  const a = usePatient(pair.a.id).data;
  const b = usePatient(pair.b.id).data;
  const [survivor, setSurvivor] = useState(pair.a.id);
  const [note, setNote] = useState('');
  const [noteTouched, setNoteTouched] = useState(false);
  const merge = useMerge();
  const dismiss = useNotDuplicate();
  const defer = useDeferPair();
  if (!a || !b) return <Text>Loading both records…</Text>;
  const retired = survivor === a.id ? b.id : a.id;
  const error = merge.error ?? dismiss.error ?? defer.error;
  const deferred = pair.status === 'deferred';
  return (
    <Stack mt="sm">
      <Table withColumnBorders aria-label="Side-by-side comparison">
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            <Table.Th>Record A</Table.Th>
            <Table.Th>Record B</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ROWS.map(([label, f]) => (
            <Table.Tr key={label} bg={f(a) === f(b) ? undefined : 'var(--mantine-color-yellow-light)'}>
              <Table.Td fw={600}>{label}</Table.Td>
              <Table.Td>{f(a)}</Table.Td>
              <Table.Td>{f(b)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={5}>Why this score</Title>
      <MatchWaterfall fields={pair.fields} score={pair.score} label="Weight of each field" />
      <Radio.Group label="Which record survives?" value={survivor} onChange={setSurvivor}>
        <Group mt="xs">
          <Radio value={a.id} label={`Record A (${a.mrn})`} />
          <Radio value={b.id} label={`Record B (${b.mrn})`} />
        </Group>
      </Radio.Group>
      {error && <Alert color="red">{error.message}</Alert>}
      <Group align="flex-start">
        <Button
          color="orange"
          loading={merge.isPending}
          onClick={() =>
            merge.mutate(
              { survivorId: survivor, retiredId: retired, reason: 'Duplicate review' },
              { onSuccess: onDone },
            )
          }
        >
          Merge into the surviving record
        </Button>
        <Button
          variant="default"
          loading={dismiss.isPending}
          onClick={() => dismiss.mutate(pair.id, { onSuccess: onDone })}
        >
          Not a duplicate
        </Button>
        {deferred ? (
          <Button
            variant="light"
            loading={defer.isPending}
            onClick={() => defer.mutate({ pairId: pair.id, note: null }, { onSuccess: onDone })}
          >
            Return to the queue
          </Button>
        ) : (
          <Group align="flex-start" gap="xs">
            <TextInput
              label="What are you waiting for?"
              value={note}
              onChange={(e) => {
                setNote(e.currentTarget.value);
                setNoteTouched(true);
              }}
              error={noteTouched ? noteProblem(note) : null}
              w={280}
            />
            <Button
              mt={24}
              variant="light"
              loading={defer.isPending}
              onClick={() => {
                setNoteTouched(true);
                if (!noteProblem(note))
                  defer.mutate({ pairId: pair.id, note: note.trim() }, { onSuccess: onDone });
              }}
            >
              Defer this pair
            </Button>
          </Group>
        )}
      </Group>
    </Stack>
  );
}
