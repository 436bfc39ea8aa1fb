import { Alert, Button, Group, MultiSelect, PasswordInput, Stack, TextInput } from '@mantine/core';
import { type FormEvent, type ReactElement, useState } from 'react';
import {
  fieldErrors,
  type UserRow,
  useCreateUser,
  useFacilities,
  useRoleMatrix,
  useUpdateUser,
} from './access.api.ts';
import { localPasswordProblems } from './ChangePasswordForm.tsx';

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,62}$/;

/** Create a user (with a temporary password) or edit one; problems show while typing. */
export function UserForm({ user, onDone }: { user?: UserRow; onDone: () => void }): ReactElement {
  const roles = useRoleMatrix().data?.roles ?? [];
  const facilities = useFacilities().data ?? [];
  const create = useCreateUser();
  const update = useUpdateUser();
  const m = user ? update : create;
  const [username, setUsername] = useState(user?.username ?? '');
  const [fullName, setFullName] = useState(user?.fullName ?? '');
  const [credentials, setCredentials] = useState(user?.credentials ?? '');
  const [picked, setPicked] = useState<string[]>(user?.roles ?? []);
  const [facilityIds, setFacilityIds] = useState<string[]>(user?.facilityIds ?? []);
  const [password, setPassword] = useState('');
  const server = fieldErrors(m.error);
  const local = {
    username:
      username && !USERNAME.test(username)
        ? 'Use 2–63 lower-case letters, digits, dots, dashes or underscores.'
        : undefined,
    password: user ? undefined : localPasswordProblems(password, username),
    roles: undefined as string | undefined,
  };
  const ready =
    fullName.trim() &&
    picked.length > 0 &&
    (user || (USERNAME.test(username) && password && !local.password));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    const common = { fullName, credentials: credentials || null, roles: picked, facilityIds };
    if (user) update.mutate({ id: user.id, ...common }, { onSuccess: onDone });
    else create.mutate({ username, password, ...common }, { onSuccess: onDone });
  };

  return (
    <Stack component="form" onSubmit={submit} aria-label={user ? 'Edit user' : 'Create user'}>
      {m.error && !Object.keys(server).length && <Alert color="red">{m.error.message}</Alert>}
      {!user && (
        <TextInput
          label="Username"
          required
          value={username}
          onChange={(e) => setUsername(e.currentTarget.value.toLowerCase())}
          error={local.username ?? server.username}
        />
      )}
      <TextInput
        label="Full name"
        required
        value={fullName}
        onChange={(e) => setFullName(e.currentTarget.value)}
        error={server.fullName}
      />
      <TextInput
        label="Credentials"
        placeholder="e.g. MD, RN, RHIT"
        value={credentials}
        onChange={(e) => setCredentials(e.currentTarget.value)}
      />
      <MultiSelect
        label="Roles"
        required
        data={roles.map((r) => ({ value: r.id, label: r.label }))}
        value={picked}
        onChange={setPicked}
        error={server.roles}
        data-testid="roles-input"
        searchable
      />
      <MultiSelect
        label="Facilities"
        data={facilities.map((f) => ({ value: f.id, label: `${f.code} — ${f.name}` }))}
        value={facilityIds}
        onChange={setFacilityIds}
        error={server.facilityIds}
      />
      {!user && (
        <PasswordInput
          label="Temporary password"
          description="The user must change it at first sign-in."
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={local.password ?? server.password}
        />
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={!ready} loading={m.isPending}>
          {user ? 'Save changes' : 'Create user'}
        </Button>
      </Group>
    </Stack>
  );
}
