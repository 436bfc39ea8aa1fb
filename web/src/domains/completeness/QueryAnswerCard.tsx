import { Alert, Button, Card, Group, Radio, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, type ReactElement, useState } from 'react';
import { type ClinicianQuery, useAnswerQuery } from './completeness.api.ts';

/** A query addressed to me: the question, its non-leading options and a free-text answer. */
export function QueryAnswerCard({ q }: { q: ClinicianQuery }): ReactElement {
  const answer = useAnswerQuery();
  const [option, setOption] = useState('');
  const [text, setText] = useState('');
  const empty = !option && !text.trim();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (empty) return;
    answer.mutate({ id: q.id, ...(option ? { option } : {}), ...(text.trim() ? { text } : {}) });
  };
  return (
    <Card withBorder component="form" onSubmit={submit} aria-label={`Query: ${q.question}`}>
      <Stack gap="xs">
        <Text fw={600}>{q.question}</Text>
        <Text size="xs" c="dimmed">
          Due {q.dueOn}
        </Text>
        <Radio.Group value={option} onChange={setOption} label="Your answer">
          <Stack gap={4} mt={4}>
            {q.options.map((o) => (
              <Radio key={o} value={o} label={o} />
            ))}
          </Stack>
        </Radio.Group>
        <Textarea label="Comment (optional)" value={text} onChange={(e) => setText(e.currentTarget.value)} />
        {empty && (
          <Text size="xs" c="dimmed">
            Choose an option or write an answer.
          </Text>
        )}
        {answer.error && <Alert color="red">{answer.error.message}</Alert>}
        <Group>
          <Button type="submit" disabled={empty} loading={answer.isPending}>
            Send answer
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
