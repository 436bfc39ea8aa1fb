import {
  Alert,
  Button,
  Group,
  Modal,
  PasswordInput,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { type FormEvent, type ReactElement, useState } from 'react';
import { useSignNote } from './completeness.api.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Sign (or co-sign) a note with an attestation: the clinician re-confirms who they are with their
 * password or a current MFA code. Signing locks the note; later changes are addenda.
 */
export function SignDialog({
  noteId,
  opened,
  onClose,
}: {
  noteId: string;
  opened: boolean;
  onClose: () => void;
}): ReactElement {
  const sign = useSignNote();
  const [method, setMethod] = useState<'password' | 'mfa'>('password');
  const [secret, setSecret] = useState('');
  const [cosigner, setCosigner] = useState('');
  const codeProblem =
    method === 'mfa' && secret !== '' && !/^\d{6}$/.test(secret)
      ? 'Enter the 6 digits from your app.'
      : undefined;
  const cosignerProblem =
    cosigner !== '' && !UUID.test(cosigner) ? "Paste the attending's user id." : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!secret || codeProblem || cosignerProblem) return;
    sign.mutate(
      {
        id: noteId,
        ...(method === 'password' ? { password: secret } : { mfaCode: secret }),
        ...(cosigner ? { cosignerUserId: cosigner } : {}),
      },
      { onSuccess: onClose },
    );
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Sign note">
      <form onSubmit={submit} aria-label="Sign note">
        <Stack>
          <Text size="sm">
            I attest that I authored or reviewed this note and that it is accurate. Once signed it cannot be
            changed; corrections become addenda.
          </Text>
          <SegmentedControl
            value={method}
            onChange={(v) => {
              setMethod(v as 'password' | 'mfa');
              setSecret('');
            }}
            data={[
              { label: 'Password', value: 'password' },
              { label: 'MFA code', value: 'mfa' },
            ]}
          />
          {method === 'password' ? (
            <PasswordInput
              label="Your password"
              value={secret}
              onChange={(e) => setSecret(e.currentTarget.value)}
              required
              data-autofocus
            />
          ) : (
            <TextInput
              label="MFA code"
              inputMode="numeric"
              value={secret}
              onChange={(e) => setSecret(e.currentTarget.value.trim())}
              error={codeProblem}
              required
              data-autofocus
            />
          )}
          <TextInput
            label="Co-signer (residents and students)"
            description="The attending who must co-sign, by user id. Leave empty if none."
            value={cosigner}
            onChange={(e) => setCosigner(e.currentTarget.value.trim())}
            error={cosignerProblem}
          />
          {sign.error && <Alert color="red">{sign.error.message}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button
              type="submit"
              loading={sign.isPending}
              disabled={!secret || !!codeProblem || !!cosignerProblem}
            >
              Sign
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
