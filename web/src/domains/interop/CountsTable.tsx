import { Table } from '@mantine/core';
import type { ReactElement } from 'react';
import type { Counts } from './interop.api.ts';

const COLS = ['created', 'updated', 'unchanged', 'rejected', 'skipped'] as const;

/** Counts per resource type of an import (skipped = valid FHIR of a type the record does not keep). */
export function CountsTable({ counts }: { counts: Counts }): ReactElement {
  const rows = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Table striped withTableBorder aria-label="Counts per resource type" data-testid="import-counts">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Resource type</Table.Th>
          {COLS.map((c) => (
            <Table.Th key={c} ta="right">
              {c}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map(([type, c]) => (
          <Table.Tr key={type} data-testid={`count-${type}`}>
            <Table.Td>{type}</Table.Td>
            {COLS.map((k) => (
              <Table.Td key={k} ta="right" c={k === 'rejected' && c[k] ? 'red' : undefined}>
                {c[k] ?? 0}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
