import { Alert, Button, Group, PasswordInput, Stack } from '@mantine/core';
import { type FormEvent, type ReactElement, useState } from 'react';
import { fieldErrors, useChangePassword } from './access.api.ts';

/** Mirrors the server's NIST SP 800-63B checks so problems show while typing; the server decides. */
export function localPasswordProblems(password: string, username: string): string | undefined {
  if (!password) return undefined;
  if ([...password].length < 12) return 'Use at least 12 characters (a few words make a good passphrase).';
  if (username && password.toLowerCase().includes(username.toLowerCase()))
    return 'The password must not contain your username.';
  return undefined;
}

export function ChangePasswordForm({
  username,
  onDone,
}: {
  username: string;
  onDone?: () => void;
}): ReactElement {
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const server = fieldErrors(change.error);
  const nextProblem = localPasswordProblems(next, username);
  const repeatProblem = repeat && repeat !== next ? 'The two new passwords differ.' : undefined;
  const ready = current && next && repeat && !nextProblem && !repeatProblem;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setRepeat('');
          onDone?.();
        },
      },
    );
  };

  return (
    <Stack component="form" onSubmit={submit} aria-label="Change password" maw={420}>
      {change.isSuccess && <Alert color="teal">Your password has been changed.</Alert>}
      {change.error && !Object.keys(server).length && (
        <Alert color="red" role="alert">
          {change.error.message}
        </Alert>
      )}
      <PasswordInput
        label="Current password"
        autoComplete="current-password"
        value={current}
        onChange={(e) => setCurrent(e.currentTarget.value)}
        error={server.currentPassword}
      />
      <PasswordInput
        label="New password"
        description="At least 12 characters. A few unrelated words work well."
        autoComplete="new-password"
        value={next}
        onChange={(e) => setNext(e.currentTarget.value)}
        error={nextProblem ?? server.newPassword}
      />
      <PasswordInput
        label="Repeat the new password"
        autoComplete="new-password"
        value={repeat}
        onChange={(e) => setRepeat(e.currentTarget.value)}
        error={repeatProblem}
      />
      <Group>
        <Button type="submit" loading={change.isPending} disabled={!ready}>
          Change password
        </Button>
      </Group>
    </Stack>
  );
}
