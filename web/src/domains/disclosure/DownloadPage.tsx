import { Alert, Button, Center, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, type ReactElement, useState } from 'react';

/**
 * The recipient's page for a secure link. The token sits in the URL fragment (never sent to a server or
 * logged); the page posts it with the one-time code and saves the PDF.
 */
export function DownloadPage(): ReactElement {
  const token = window.location.hash.slice(1);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const res = await fetch('/api/disclosure/download', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, ...(code.trim() ? { code: code.trim() } : {}) }),
    });
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { error?: { message: string } } | null;
      setError(body?.error?.message ?? 'The download failed. Ask the sender for a new link.');
      return;
    }
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = 'records.pdf';
    a.click();
    setDone(true);
  };
  return (
    <Center mih="100vh">
      <Paper withBorder p="xl" maw={460}>
        <form onSubmit={submit} aria-label="Download records">
          <Stack>
            <Title order={2}>Download health records</Title>
            <Text size="sm">
              These records are confidential. Enter the one-time code the sender gave you, if any.
            </Text>
            <TextInput
              label="One-time code"
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              autoFocus
            />
            {error && <Alert color="red">{error}</Alert>}
            {done && <Alert color="teal">The download has started. Keep the file somewhere safe.</Alert>}
            <Button type="submit" disabled={!token}>
              Download
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
