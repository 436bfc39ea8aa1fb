import { Alert, Code, Loader, Modal, Table, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { useVersions, type Version, type VersionedKind } from './chart.api.ts';

/** The values this version set: the changed fields only, or the whole content for the first version. */
function shown(v: Version): string {
  const keys = v.version === 1 ? Object.keys(v.snapshot).filter((k) => !HIDDEN.has(k)) : v.changedFields;
  const lines = keys.map((k) => `${k}: ${JSON.stringify(v.snapshot[k], null, 1)}`);
  return lines.join('\n');
}
const HIDDEN = new Set(['id', 'patientId', 'createdBy', 'createdAt']);

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
              <Table.Th>Who and when</Table.Th>
              <Table.Th>Changed</Table.Th>
              <Table.Th>Why</Table.Th>
              <Table.Th>Values set</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((v) => (
              <Table.Tr key={v.version}>
                <Table.Td>{v.version}</Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {v.changedByName ?? v.changedBy}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {new Date(v.changedAt).toLocaleString()}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {v.version === 1 ? 'everything (created)' : v.changedFields.join(', ')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{v.reason ?? (v.version === 1 ? 'created' : '')}</Text>
                </Table.Td>
                <Table.Td>
                  <Code block fz="xs" mah={160} style={{ overflow: 'auto' }}>
                    {shown(v)}
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
