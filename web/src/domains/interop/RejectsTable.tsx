import { Pagination, Stack, Table, Text } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { useImportRejects } from './interop.api.ts';

const PAGE = 20;

/** Every rejected resource with where it was and why, one page at a time. */
export function RejectsTable({ jobId }: { jobId: string }): ReactElement {
  const [page, setPage] = useState(1);
  const { data } = useImportRejects(jobId, page, PAGE);
  if (!data || data.total === 0) return <Text c="dimmed">No resource was rejected.</Text>;
  return (
    <Stack>
      <Table withTableBorder aria-label="Rejected resources">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>File</Table.Th>
            <Table.Th>Where</Table.Th>
            <Table.Th>Resource</Table.Th>
            <Table.Th>Why</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.items.map((r) => (
            <Table.Tr key={`${r.file}-${r.location}`}>
              <Table.Td>{r.file}</Table.Td>
              <Table.Td>{r.location}</Table.Td>
              <Table.Td>{[r.resourceType, r.id].filter(Boolean).join('/') || '—'}</Table.Td>
              <Table.Td>
                {r.issues.map((i) => (
                  <Text key={`${i.expression}-${i.message}`} size="sm">
                    <strong>{i.expression}</strong>: {i.message}
                  </Text>
                ))}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {data.total > PAGE && (
        <Pagination
          total={Math.ceil(data.total / PAGE)}
          value={page}
          onChange={setPage}
          aria-label="Rejected pages"
        />
      )}
    </Stack>
  );
}
