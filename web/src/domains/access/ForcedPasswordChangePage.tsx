import { Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactElement } from 'react';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';

/** After an administrator reset, the temporary password must be replaced before anything else. */
export function ForcedPasswordChangePage({ username }: { username: string }): ReactElement {
  return (
    <Stack maw={520} mx="auto" p="xl">
      <Title order={2}>Choose a new password</Title>
      <Text c="dimmed">Your password was set by an administrator. Replace it with one only you know.</Text>
      <Paper withBorder p="lg">
        <ChangePasswordForm username={username} />
      </Paper>
    </Stack>
  );
}
