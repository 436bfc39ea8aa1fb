import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Paper,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, type ReactElement, useState } from 'react';
import {
  fieldErrors,
  type Me,
  useCreateMyToken,
  useDisableMfa,
  useMySessions,
  useMyTokens,
  useRefreshMe,
  useRevokeMySession,
  useRevokeMyToken,
} from './access.api.ts';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { MfaEnrolment } from './MfaEnrolment.tsx';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

/** My account: password, two-factor authentication, sessions and API tokens. */
export function AccountPage({ me }: { me: Me }): ReactElement {
  return (
    <Stack maw={960}>
      <Title order={2}>My account</Title>
      <Section title="Password">
        <ChangePasswordForm username={me.user.username} />
      </Section>
      <Section title="Two-factor authentication">
        <MfaSection me={me} />
      </Section>
      <Section title="Sessions">
        <SessionsTable />
      </Section>
      <Section title="API tokens">
        <TokensSection />
      </Section>
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: ReactElement }): ReactElement {
  return (
    <Paper withBorder p="lg" component="section" aria-label={title}>
      <Title order={3} size="h4" mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function MfaSection({ me }: { me: Me }): ReactElement {
  const refresh = useRefreshMe();
  const disable = useDisableMfa();
  const [password, setPassword] = useState('');
  if (!me.mfaEnabled) return <MfaEnrolment onDone={() => void refresh()} />;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (password) disable.mutate(password, { onSuccess: () => setPassword('') });
  };
  return (
    <Stack component="form" onSubmit={submit} aria-label="Turn off two-factor authentication" maw={420}>
      <Text>
        <Badge color="teal">On</Badge> Codes from your authenticator app are required at sign-in. To move to a
        new phone, turn it off and set it up again.
      </Text>
      <PasswordInput
        label="Your password, to confirm"
        value={password}
        onChange={(e) => setPassword(e.currentTarget.value)}
        error={fieldErrors(disable.error).password}
      />
      <Group>
        <Button type="submit" color="red" variant="light" disabled={!password} loading={disable.isPending}>
          Turn off two-factor authentication
        </Button>
      </Group>
    </Stack>
  );
}

function SessionsTable(): ReactElement {
  const { data = [], error } = useMySessions();
  const revoke = useRevokeMySession();
  if (error) return <Alert color="red">{error.message}</Alert>;
  return (
    <Table striped aria-label="My sessions">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Started</Table.Th>
          <Table.Th>Last active</Table.Th>
          <Table.Th>From</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {data.map((s) => (
          <Table.Tr key={s.id}>
            <Table.Td>{when(s.createdAt)}</Table.Td>
            <Table.Td>{when(s.lastSeenAt)}</Table.Td>
            <Table.Td>
              <Text size="sm">{s.ip ?? 'unknown'}</Text>
              <Text size="xs" c="dimmed" lineClamp={1} maw={360}>
                {s.userAgent}
              </Text>
            </Table.Td>
            <Table.Td>
              {s.current ? (
                <Badge variant="light">This session</Badge>
              ) : (
                <Button size="xs" variant="default" onClick={() => revoke.mutate(s.id)}>
                  End session
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const EXPIRY = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: 'never', label: 'Never (not recommended)' },
];

function TokensSection(): ReactElement {
  const { data = [] } = useMyTokens();
  const create = useCreateMyToken();
  const revoke = useRevokeMyToken();
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState<string | null>('90');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    create.mutate({ name: name.trim(), expiresInDays: expiry === 'never' ? null : Number(expiry) });
    setName('');
  };
  return (
    <Stack>
      {create.data && (
        <Alert color="teal" title="Copy your new token now">
          It will not be shown again. <Code data-testid="new-token">{create.data.token}</Code>
        </Alert>
      )}
      <Group component="form" onSubmit={submit} align="flex-end" aria-label="Create API token">
        <TextInput
          label="Token name"
          placeholder="e.g. nightly export"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <Select
          label="Expires after"
          data={EXPIRY}
          value={expiry}
          onChange={setExpiry}
          allowDeselect={false}
          w={200}
        />
        <Button type="submit" disabled={!name.trim()} loading={create.isPending}>
          Create token
        </Button>
      </Group>
      <Table striped aria-label="My API tokens">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Last used</Table.Th>
            <Table.Th>Expires</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.map((t) => (
            <Table.Tr key={t.id}>
              <Table.Td>
                {t.name} <Code>ck_{t.prefix}_…</Code>
              </Table.Td>
              <Table.Td>{when(t.createdAt)}</Table.Td>
              <Table.Td>{when(t.lastUsedAt)}</Table.Td>
              <Table.Td>{t.expiresAt ? when(t.expiresAt) : 'never'}</Table.Td>
              <Table.Td>
                {t.revokedAt ? (
                  <Badge color="gray">Revoked</Badge>
                ) : (
                  <Button size="xs" variant="default" onClick={() => revoke.mutate(t.id)}>
                    Revoke
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
