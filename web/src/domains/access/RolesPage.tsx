import { Alert, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import type { ReactElement } from 'react';
import { useRoleMatrix } from './access.api.ts';

/** The role → permission matrix, read from the server (the one definition in code). */
export function RolesPage(): ReactElement {
  const { data, error } = useRoleMatrix();
  if (error) return <Alert color="red">{error.message}</Alert>;
  if (!data) return <Text>Loading…</Text>;
  return (
    <Stack>
      <Title order={2}>Roles and permissions</Title>
      <Text c="dimmed" size="sm">
        What each role may do. The matrix is defined in code; ask your implementation team to change it.
      </Text>
      <Table.ScrollContainer minWidth={900}>
        <Table striped withTableBorder aria-label="Role permission matrix">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Permission</Table.Th>
              {data.roles.map((r) => (
                <Table.Th key={r.id} ta="center" fz="xs">
                  {r.label}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.permissions.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <Tooltip label={p.description}>
                    <Text size="sm" ff="monospace">
                      {p.id}
                    </Text>
                  </Tooltip>
                </Table.Td>
                {data.roles.map((r) => (
                  <Table.Td key={r.id} ta="center">
                    {r.permissions.includes(p.id) && (
                      <IconCheck size={16} aria-label={`${r.label}: ${p.id}`} />
                    )}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
