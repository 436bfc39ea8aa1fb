import { Alert, Badge, Code, Loader, Modal, Stack, Table, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { useVersions, type VersionedKind } from './chart.api.ts';

/** Every version of an entry, newest first: who, when, what changed, why (issue 4). */
export function VersionHistory(props: {
  kind: VersionedKind;
  id: string | null;
  onClose: () => void;
}): ReactElement {
  const { data, isLoading, error } = useVersions(props.kind, props.id);
  return (
    <Modal opened={props.id !== null} onClose={props.onClose} title="Version history" size="xl">
      {isLoading && <Loader aria-label="Loading history" />}
      {error && <Alert color="red">{error.message} Close and try again.</Alert>}
      {data && (
        <Table striped aria-label="Versions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Version</Table.Th>
              <Table.Th>When</Table.Th>
              <Table.Th>Changed</Table.Th>
              <Table.Th>Why</Table.Th>
              <Table.Th>Content</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((v) => (
              <Table.Tr key={v.version}>
                <Table.Td>{v.version}</Table.Td>
                <Table.Td>
                  <Text size="sm">{new Date(v.changedAt).toLocaleString()}</Text>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    {v.changedFields.map((f) => (
                      <Badge key={f} variant="light" size="sm">
                        {f}
                      </Badge>
                    ))}
                  </Stack>
                </Table.Td>
                <Table.Td>{v.reason ?? (v.version === 1 ? 'created' : '')}</Table.Td>
                <Table.Td>
                  <Code block fz="xs" mah={160} style={{ overflow: 'auto' }}>
                    {JSON.stringify(v.snapshot.data ?? v.snapshot, null, 1)}
                  </Code>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Modal>
  );
}
