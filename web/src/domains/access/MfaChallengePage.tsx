import { Alert, Anchor, Button, Center, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, type ReactElement, useState } from 'react';
import { useSignOut, useVerifyMfa } from './access.api.ts';

/** The second sign-in step: a code from the authenticator app, or a recovery code (RFC 6238 TOTP). */
export function MfaChallengePage(): ReactElement {
  const verify = useVerifyMfa();
  const signOut = useSignOut();
  const [code, setCode] = useState('');
  const trimmed = code.replace(/\s/g, '');
  const invalid =
    trimmed.length > 0 && !/^\d{6}$/.test(trimmed) && !/^[A-Z0-9]{5}-?[A-Z0-9]{5}$/i.test(trimmed);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (trimmed && !invalid) verify.mutate(trimmed);
  };

  return (
    <Center mih="100vh" bg="var(--mantine-color-gray-light)">
      <Paper
        withBorder
        shadow="sm"
        p="xl"
        w={400}
        component="form"
        onSubmit={submit}
        aria-label="Two-factor check"
      >
        <Stack>
          <div>
            <Title order={2} c="teal.7">
              Two-factor check
            </Title>
            <Text c="dimmed" size="sm">
              Enter the 6-digit code from your authenticator app. Lost your phone? Use one of your recovery
              codes.
            </Text>
          </div>
          {verify.error && (
            <Alert color="red" role="alert">
              {verify.error.message}
            </Alert>
          )}
          <TextInput
            label="Code"
            autoComplete="one-time-code"
            inputMode="text"
            autoFocus
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={invalid ? 'A code is 6 digits, or a recovery code like ABCDE-FGHJK.' : undefined}
          />
          <Button type="submit" loading={verify.isPending} disabled={!trimmed || invalid}>
            Verify
          </Button>
          <Anchor component="button" type="button" size="sm" onClick={() => signOut.mutate()}>
            Cancel and sign out
          </Anchor>
        </Stack>
      </Paper>
    </Center>
  );
}
