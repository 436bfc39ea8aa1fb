import {
  Alert,
  Button,
  Code,
  Group,
  Image,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, type ReactElement, useState } from 'react';
import { useConfirmMfaEnrolment, useStartMfaEnrolment } from './access.api.ts';

/**
 * TOTP enrolment: scan the QR code (or type the secret), confirm a code, then note the recovery codes,
 * which are shown this once only (they are stored hashed).
 */
export function MfaEnrolment({ onDone }: { onDone: () => void }): ReactElement {
  const start = useStartMfaEnrolment();
  const confirm = useConfirmMfaEnrolment();
  const [code, setCode] = useState('');
  const digits = code.replace(/\s/g, '');
  const invalid = digits.length > 0 && !/^\d{6}$/.test(digits);

  if (confirm.data) return <RecoveryCodes codes={confirm.data.recoveryCodes} onDone={onDone} />;
  if (!start.data) {
    return (
      <Stack align="flex-start">
        <Text>
          Two-factor authentication protects patient records if your password is stolen. You need an
          authenticator app (for example FreeOTP, Aegis, Google or Microsoft Authenticator).
        </Text>
        {start.error && (
          <Alert color="red" role="alert">
            {start.error.message}
          </Alert>
        )}
        <Button onClick={() => start.mutate()} loading={start.isPending}>
          Set up two-factor authentication
        </Button>
      </Stack>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (/^\d{6}$/.test(digits)) confirm.mutate(digits);
  };
  return (
    <Stack component="form" onSubmit={submit} aria-label="Confirm two-factor enrolment">
      <Text>1. Scan this QR code with your authenticator app, or type the secret key.</Text>
      <Group align="flex-start">
        <Image src={start.data.qrDataUrl} alt="QR code for your authenticator app" w={180} h={180} />
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            Secret key
          </Text>
          <Code data-testid="mfa-secret" fz="md">
            {start.data.secret}
          </Code>
        </Stack>
      </Group>
      <Text>2. Enter the 6-digit code the app shows.</Text>
      {confirm.error && (
        <Alert color="red" role="alert">
          {confirm.error.message}
        </Alert>
      )}
      <TextInput
        label="Code from the app"
        autoComplete="one-time-code"
        w={220}
        value={code}
        onChange={(e) => setCode(e.currentTarget.value)}
        error={invalid ? 'The code is 6 digits.' : undefined}
      />
      <Group>
        <Button type="submit" loading={confirm.isPending} disabled={!/^\d{6}$/.test(digits)}>
          Turn on two-factor authentication
        </Button>
      </Group>
    </Stack>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }): ReactElement {
  return (
    <Stack>
      <Alert color="teal" title="Two-factor authentication is on">
        Save these recovery codes somewhere safe (a password manager or a printed copy in a locked drawer).
        Each works once if you lose your phone. They will not be shown again.
      </Alert>
      <Paper withBorder p="md">
        <List listStyleType="none" aria-label="Recovery codes">
          <SimpleGrid cols={2}>
            {codes.map((c) => (
              <List.Item key={c}>
                <Code fz="md">{c}</Code>
              </List.Item>
            ))}
          </SimpleGrid>
        </List>
      </Paper>
      <Group>
        <Button onClick={onDone}>I have saved my recovery codes</Button>
      </Group>
    </Stack>
  );
}

/** Full-page enrolment for users whom the policy requires to enrol before anything else. */
export function MfaEnrolPage({ onDone }: { onDone: () => void }): ReactElement {
  return (
    <Stack maw={640} mx="auto" p="xl">
      <Title order={2}>Set up two-factor authentication</Title>
      <Text c="dimmed">
        Your role can open patient records, so the security policy requires a second factor before you
        continue.
      </Text>
      <MfaEnrolment onDone={onDone} />
    </Stack>
  );
}
