import { Alert, Anchor, Button, Checkbox, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { type ExportManifest, runExport } from './interop.api.ts';

const TYPES = [
  'Patient',
  'Encounter',
  'Condition',
  'Observation',
  'Procedure',
  'MedicationStatement',
  'AllergyIntolerance',
  'Immunization',
  'DocumentReference',
  'Coverage',
  'Claim',
  'ExplanationOfBenefit',
];
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** FHIR bulk export ($export): choose types and a start instant, wait, download NDJSON per type. */
export function ExportPage(): ReactElement {
  const [types, setTypes] = useState<string[]>(TYPES);
  const [since, setSince] = useState('');
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [manifest, setManifest] = useState<ExportManifest | null>(null);
  const sinceError =
    since && !INSTANT.test(since) ? 'Enter an instant such as 2026-01-01T00:00:00Z.' : undefined;
  const start = async () => {
    setRunning(true);
    setError(null);
    setManifest(null);
    try {
      setManifest(await runExport(types.length === TYPES.length ? [] : types, since || null));
    } catch (e) {
      setError(`${(e as Error).message} Adjust the choices and start again.`);
    } finally {
      setRunning(false);
    }
  };
  return (
    <Stack maw={900}>
      <Title order={2}>Export FHIR data</Title>
      <Text c="dimmed" size="sm">
        Writes every patient's record as FHIR R4 NDJSON, one file per resource type (FHIR Bulk Data). Every
        export and download is recorded in the audit trail.
      </Text>
      <Checkbox.Group label="Resource types" value={types} onChange={setTypes}>
        <Group mt="xs">
          {TYPES.map((t) => (
            <Checkbox key={t} value={t} label={t} />
          ))}
        </Group>
      </Checkbox.Group>
      <TextInput
        label="Only changes since (optional)"
        placeholder="2026-01-01T00:00:00Z"
        value={since}
        onChange={(e) => setSince(e.currentTarget.value)}
        error={sinceError}
        w={320}
      />
      <Group>
        <Button onClick={start} loading={running} disabled={types.length === 0 || !!sinceError}>
          Start export
        </Button>
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      {manifest && (
        <Table withTableBorder aria-label="Export files">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Type</Table.Th>
              <Table.Th ta="right">Resources</Table.Th>
              <Table.Th>File</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {manifest.output.map((o) => (
              <Table.Tr key={o.type}>
                <Table.Td>{o.type}</Table.Td>
                <Table.Td ta="right">{o.count}</Table.Td>
                <Table.Td>
                  <Anchor href={new URL(o.url).pathname} download>
                    {o.type}.ndjson
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
