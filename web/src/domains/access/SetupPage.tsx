import {
  Alert,
  Button,
  Center,
  Loader,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, type ReactElement, useState } from 'react';
import { fieldErrors, useCompleteSetup, useSetupStatus } from './access.api.ts';
import { localPasswordProblems } from './ChangePasswordForm.tsx';

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,62}$/;

/**
 * First run: reachable only with the one-time link the server prints while no user exists. Creates the
 * first administrator, who then enrols two-factor authentication.
 */
export function SetupPage(): ReactElement {
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const status = useSetupStatus(token);
  const setup = useCompleteSetup();
  const [username, setUsername] = useState('');
  const [fullName, setFullName] = useState('');
  const [password, setPassword] = useState('');
  const server = fieldErrors(setup.error);
  const userProblem =
    username && !USERNAME.test(username)
      ? 'Use 2–63 lower-case letters, digits, dots, dashes or underscores.'
      : undefined;
  const pwProblem = localPasswordProblems(password, username);
  const ready = USERNAME.test(username) && fullName.trim() && password && !pwProblem;

  if (status.isLoading)
    return (
      <Center mih="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  if (!status.data?.valid) {
    return (
      <Center mih="100vh">
        <Alert color="red" title="This setup link is not valid" maw={480}>
          It was already used, or the server has restarted since it was printed. Sign in, or restart the
          server to print a new link if no user exists yet.
        </Alert>
      </Center>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (ready) setup.mutate({ token, username, fullName: fullName.trim(), password });
  };
  return (
    <Center mih="100vh" bg="var(--mantine-color-gray-light)">
      <Paper
        withBorder
        shadow="sm"
        p="xl"
        w={440}
        component="form"
        onSubmit={submit}
        aria-label="First-run setup"
      >
        <Stack>
          <div>
            <Title order={2} c="teal.7">
              Welcome to Chartkeeper
            </Title>
            <Text c="dimmed" size="sm">
              Create the first administrator. Next you will set up two-factor authentication.
            </Text>
          </div>
          {setup.error && !Object.keys(server).length && (
            <Alert color="red" role="alert">
              {setup.error.message}
            </Alert>
          )}
          <TextInput
            label="Username"
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value.toLowerCase())}
            error={userProblem ?? server.username}
            autoFocus
          />
          <TextInput
            label="Full name"
            value={fullName}
            onChange={(e) => setFullName(e.currentTarget.value)}
            error={server.fullName}
          />
          <PasswordInput
            label="Password"
            description="At least 12 characters; a few words make a good passphrase."
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={pwProblem ?? server.password}
          />
          <Button type="submit" disabled={!ready} loading={setup.isPending}>
            Create administrator
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
