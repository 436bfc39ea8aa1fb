import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  PasswordInput,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { type FormEvent, type ReactElement, useState } from 'react';
import { useParams } from 'react-router';
import { type Signature, useAddendum, useNoteSignatures } from './completeness.api.ts';
import { SignDialog } from './SignDialog.tsx';

function SignatureLine({ s }: { s: Signature }): ReactElement {
  return (
    <Text size="sm" data-testid="signature-line">
      {s.role === 'author' ? 'Signed' : 'Co-signed'} by {s.signerName}
      {s.signerCredentials ? `, ${s.signerCredentials}` : ''} on {new Date(s.signedAt).toLocaleString()} (
      {s.attestation === 'mfa' ? 'MFA code' : 'password'} attestation)
    </Text>
  );
}

/** A note's signatures (signer, credentials, date and time) and its addenda, each shown with the original. */
export function NoteSignaturesPage(): ReactElement {
  const { id = '' } = useParams();
  const { data, error, isLoading } = useNoteSignatures(id);
  const addendum = useAddendum();
  const [signing, setSigning] = useState(false);
  const [text, setText] = useState('');
  const [password, setPassword] = useState('');
  if (isLoading) return <Loader aria-label="Loading signatures" />;
  if (error || !data) return <Alert color="red">{error?.message ?? 'Not found.'}</Alert>;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim() || !password) return;
    addendum.mutate(
      { id, text, password },
      {
        onSuccess: () => {
          setText('');
          setPassword('');
        },
      },
    );
  };
  return (
    <Stack maw={900}>
      <Group justify="space-between">
        <Title order={2}>Note signatures</Title>
        <Badge size="lg" color={data.signed ? 'teal' : 'orange'}>
          {data.signed
            ? data.cosignerUserId && !data.cosigned
              ? 'awaiting co-signature'
              : 'signed'
            : 'unsigned'}
        </Badge>
      </Group>
      {data.signatures.map((s) => (
        <SignatureLine key={`${s.role}-${s.signedAt}`} s={s} />
      ))}
      {(!data.signed || (data.cosignerUserId && !data.cosigned)) && (
        <Group>
          <Button onClick={() => setSigning(true)}>{data.signed ? 'Co-sign' : 'Sign'}</Button>
        </Group>
      )}
      <SignDialog noteId={id} opened={signing} onClose={() => setSigning(false)} />
      <Title order={3}>Addenda</Title>
      {data.addenda.length === 0 && <Text c="dimmed">No addenda.</Text>}
      {data.addenda.map((a) => (
        <Card key={a.id} withBorder>
          <Text>{a.text}</Text>
          {a.signature && <SignatureLine s={a.signature} />}
        </Card>
      ))}
      {data.signed && (
        <Card withBorder component="form" onSubmit={submit} aria-label="Add addendum">
          <Stack gap="xs">
            <Textarea
              label="Addendum"
              description="Added to the signed note; the note itself stays as signed."
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
            />
            <PasswordInput
              label="Your password (attestation)"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            {addendum.error && <Alert color="red">{addendum.error.message}</Alert>}
            <Group>
              <Button type="submit" disabled={!text.trim() || !password} loading={addendum.isPending}>
                Sign addendum
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
