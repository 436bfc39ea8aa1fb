import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, type ReactElement, useState } from 'react';
import { useSignIn } from './access.api.ts';

export function SignInPage(): ReactElement {
  const signIn = useSignIn();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const missing = touched && (!username.trim() || !password);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (username.trim() && password) signIn.mutate({ username: username.trim(), password });
  };

  return (
    <Center mih="100vh" bg="var(--mantine-color-gray-light)">
      <Paper withBorder shadow="sm" p="xl" w={380} component="form" onSubmit={submit} aria-label="Sign in">
        <Stack>
          <div>
            <Title order={2} c="teal.7">
              Chartkeeper
            </Title>
            <Text c="dimmed" size="sm">
              Sign in to continue. Access is logged.
            </Text>
          </div>
          {signIn.error && (
            <Alert color="red" role="alert">
              {signIn.error.message}
            </Alert>
          )}
          <TextInput
            label="Username"
            autoComplete="username"
            autoFocus
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            error={touched && !username.trim() ? 'Enter your username.' : undefined}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={touched && !password ? 'Enter your password.' : undefined}
          />
          <Button type="submit" loading={signIn.isPending} disabled={missing}>
            Sign in
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
