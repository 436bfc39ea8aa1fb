import { Alert, Button, Card, Code, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { ReactElement } from 'react';
import { useSubmitHl7 } from './hl7.api.ts';

/** What a pasted message must look like before it is sent; the server checks everything else. */
export function hl7TextProblem(text: string): string | null {
  const t = text.replace(/^\uFEFF/, '').trim();
  if (!t) return 'Paste one HL7 v2 message.';
  if (!t.startsWith('MSH')) return 'An HL7 v2 message starts with its MSH segment (MSH|^~\\&|…).';
  if (t.split(/\r\n|\r|\n/).filter((l) => l.startsWith('MSH')).length > 1)
    return 'Paste one message at a time (this text has more than one MSH segment).';
  return null;
}

/** Sends one message by hand (testing a feed, re-entering one from a sender's log); shows its ACK. */
export function Hl7SubmitForm(): ReactElement {
  const submit = useSubmitHl7();
  const form = useForm({
    mode: 'controlled',
    initialValues: { text: '' },
    validateInputOnChange: true,
    validate: { text: hl7TextProblem },
  });
  return (
    <Card withBorder>
      <form onSubmit={form.onSubmit((v) => submit.mutate(v.text))}>
        <Stack>
          <Title order={4}>Send a message by hand</Title>
          <Textarea
            label="HL7 v2 message"
            description="One message; segments on separate lines. It is processed exactly like one received over MLLP."
            autosize
            minRows={4}
            maxRows={12}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            {...form.getInputProps('text')}
          />
          <Button type="submit" w="fit-content" loading={submit.isPending}>
            Send and show the ACK
          </Button>
          {submit.error && <Alert color="red">{submit.error.message}</Alert>}
          {submit.data && (
            <Stack gap={4} data-testid="hl7-submit-ack">
              <Text size="sm">
                Answered {submit.data.outcome}
                {submit.data.duplicate ? ' (a resend: not applied again)' : ''}:
              </Text>
              <Code block>{submit.data.ack.split('\r').join('\n')}</Code>
            </Stack>
          )}
        </Stack>
      </form>
    </Card>
  );
}
