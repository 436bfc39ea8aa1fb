import { Badge, Button, Checkbox, Fieldset, Table, Text, TextInput } from '@mantine/core';
import type { ReactElement } from 'react';
import type { Patient } from './patients.api.ts';

/** What the clerk decided about stored coverage: end dates by coverage id, and ids entered in error. */
export interface CoverageChanges {
  end: Record<string, string>;
  inError: string[];
}

/**
 * Stored coverage is never edited in place or deleted (billing history): it is ended on a date, or marked
 * entered in error when it was captured by mistake.
 */
export function CurrentCoverage({
  coverage,
  changes,
  onChange,
}: {
  coverage: Patient['coverage'];
  changes: CoverageChanges;
  onChange: (c: CoverageChanges) => void;
}): ReactElement {
  if (coverage.length === 0)
    return (
      <Fieldset legend="Insurance on file">
        <Text size="sm">No coverage on file.</Text>
      </Fieldset>
    );
  const setEnd = (id: string, date: string | null) => {
    const end = { ...changes.end };
    if (date === null) delete end[id];
    else end[id] = date;
    onChange({ ...changes, end });
  };
  const toggleError = (id: string, on: boolean) =>
    onChange({
      ...changes,
      inError: on ? [...changes.inError, id] : changes.inError.filter((x) => x !== id),
    });
  return (
    <Fieldset legend="Insurance on file">
      <Table aria-label="Insurance on file">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Priority</Table.Th>
            <Table.Th>Payer</Table.Th>
            <Table.Th>Member id</Table.Th>
            <Table.Th>Effective</Table.Th>
            <Table.Th>End it on</Table.Th>
            <Table.Th>Entered in error</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {coverage.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <Badge size="sm">{c.priority}</Badge>
              </Table.Td>
              <Table.Td>{c.payer}</Table.Td>
              <Table.Td>{c.memberId}</Table.Td>
              <Table.Td>
                {c.effectiveFrom} – {c.effectiveTo ?? 'open'}
              </Table.Td>
              <Table.Td>
                {c.id in changes.end ? (
                  <TextInput
                    size="xs"
                    aria-label={`End date for ${c.payer}`}
                    placeholder="YYYY-MM-DD"
                    value={changes.end[c.id]}
                    error={/^\d{4}-\d{2}-\d{2}$/.test(changes.end[c.id] ?? '') ? null : 'Enter YYYY-MM-DD.'}
                    onChange={(e) => setEnd(c.id, e.currentTarget.value)}
                  />
                ) : (
                  <Button
                    size="xs"
                    variant="subtle"
                    onClick={() => setEnd(c.id, new Date().toISOString().slice(0, 10))}
                  >
                    End coverage
                  </Button>
                )}
              </Table.Td>
              <Table.Td>
                <Checkbox
                  aria-label={`${c.payer} was entered in error`}
                  checked={changes.inError.includes(c.id)}
                  onChange={(e) => toggleError(c.id, e.currentTarget.checked)}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Fieldset>
  );
}
