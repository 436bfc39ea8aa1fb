import {
  Alert,
  Badge,
  Button,
  Group,
  Menu,
  Modal,
  Pagination,
  PasswordInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDots, IconSearch } from '@tabler/icons-react';
import { type ReactElement, useState } from 'react';
import {
  fieldErrors,
  type UserRow,
  useResetMfa,
  useResetPassword,
  useRevokeUserSessions,
  useRoleMatrix,
  useSetUserActive,
  useUsers,
} from './access.api.ts';
import { localPasswordProblems } from './ChangePasswordForm.tsx';
import { UserForm } from './UserForm.tsx';

const PAGE = 20;

/** User administration: search, create, edit roles and facilities, disable, reset, end sessions. */
export function UsersPage(): ReactElement {
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const [page, setPage] = useState(1);
  const { data, error } = useUsers(debounced, (page - 1) * PAGE, PAGE);
  const [editing, setEditing] = useState<UserRow | 'new' | null>(null);
  const [resetting, setResetting] = useState<UserRow | null>(null);
  const roleLabel = Object.fromEntries((useRoleMatrix().data?.roles ?? []).map((r) => [r.id, r.label]));

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Users</Title>
        <Button onClick={() => setEditing('new')}>New user</Button>
      </Group>
      <TextInput
        leftSection={<IconSearch size={16} />}
        placeholder="Search by username or name"
        aria-label="Search users"
        value={q}
        onChange={(e) => {
          setQ(e.currentTarget.value);
          setPage(1);
        }}
        maw={400}
      />
      {error && <Alert color="red">{error.message}</Alert>}
      <Table striped highlightOnHover aria-label="Users">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Username</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Roles</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data?.items.map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>{u.username}</Table.Td>
              <Table.Td>
                {u.fullName}
                {u.credentials ? `, ${u.credentials}` : ''}
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {u.roles.map((r) => (
                    <Badge key={r} variant="light" size="sm">
                      {roleLabel[r] ?? r}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <UserStatus u={u} />
              </Table.Td>
              <Table.Td>
                <RowActions u={u} onEdit={() => setEditing(u)} onReset={() => setResetting(u)} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {data && data.items.length === 0 && (
        <Text c="dimmed">No users match. Clear the search or create one.</Text>
      )}
      {data && data.total > PAGE && (
        <Pagination total={Math.ceil(data.total / PAGE)} value={page} onChange={setPage} />
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? 'New user' : 'Edit user'}
      >
        {editing !== null && (
          <UserForm user={editing === 'new' ? undefined : editing} onDone={() => setEditing(null)} />
        )}
      </Modal>
      <Modal opened={resetting !== null} onClose={() => setResetting(null)} title="Reset password">
        {resetting && <ResetPasswordForm u={resetting} onDone={() => setResetting(null)} />}
      </Modal>
    </Stack>
  );
}

function UserStatus({ u }: { u: UserRow }): ReactElement {
  return (
    <Group gap={4}>
      {u.active ? <Badge color="teal">Active</Badge> : <Badge color="gray">Disabled</Badge>}
      {u.mfaEnabled && <Badge variant="outline">MFA</Badge>}
      {u.mustChangePassword && (
        <Badge variant="outline" color="orange">
          Must change password
        </Badge>
      )}
    </Group>
  );
}

function RowActions({
  u,
  onEdit,
  onReset,
}: {
  u: UserRow;
  onEdit: () => void;
  onReset: () => void;
}): ReactElement {
  const setActive = useSetUserActive();
  const resetMfa = useResetMfa();
  const revoke = useRevokeUserSessions();
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button
          variant="subtle"
          size="xs"
          aria-label={`Actions for ${u.username}`}
          rightSection={<IconDots size={14} />}
        >
          Actions
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={onEdit}>Edit roles and details</Menu.Item>
        <Menu.Item onClick={onReset}>Reset password</Menu.Item>
        <Menu.Item disabled={!u.mfaEnabled} onClick={() => resetMfa.mutate(u.id)}>
          Reset two-factor
        </Menu.Item>
        <Menu.Item onClick={() => revoke.mutate(u.id)}>End all sessions</Menu.Item>
        <Menu.Item
          color={u.active ? 'red' : undefined}
          onClick={() => setActive.mutate({ id: u.id, active: !u.active })}
        >
          {u.active ? 'Disable' : 'Enable'}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function ResetPasswordForm({ u, onDone }: { u: UserRow; onDone: () => void }): ReactElement {
  const reset = useResetPassword();
  const [password, setPassword] = useState('');
  const problem = localPasswordProblems(password, u.username) ?? fieldErrors(reset.error).password;
  return (
    <Stack
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        if (password && !problem) reset.mutate({ id: u.id, password }, { onSuccess: onDone });
      }}
    >
      <Text size="sm">
        {u.fullName} must choose a new password at next sign-in. Their sessions end now and a lockout is
        lifted.
      </Text>
      <PasswordInput
        label="Temporary password"
        value={password}
        onChange={(e) => setPassword(e.currentTarget.value)}
        error={problem}
      />
      <Group justify="flex-end">
        <Button type="submit" disabled={!password || !!problem} loading={reset.isPending}>
          Reset password
        </Button>
      </Group>
    </Stack>
  );
}
