import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Pagination,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { Link } from 'react-router';
import { AmendmentDecisionCard } from './AmendmentDecisionCard.tsx';
import { noteOf, useAmendments, useDeficiencyQueue, useInboxCounts, useQueries } from './completeness.api.ts';
import { DeficiencyTable } from './DeficiencyTable.tsx';
import { QueryAnswerCard } from './QueryAnswerCard.tsx';
import { SignDialog } from './SignDialog.tsx';

const PAGE = 20;

function Count({
  label,
  value,
  testId,
}: {
  label: string;
  value: number | undefined;
  testId: string;
}): ReactElement {
  return (
    <Card withBorder>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fz={28} fw={700} data-testid={testId}>
        {value ?? '—'}
      </Text>
    </Card>
  );
}

/** The clinician's inbox: my deficiencies (sign notes from here), my queries and amendment requests. */
export function InboxPage(): ReactElement {
  const counts = useInboxCounts();
  const [page, setPage] = useState(1);
  const defs = useDeficiencyQueue({}, (page - 1) * PAGE, PAGE, true);
  const queries = useQueries(true, 'open');
  const amendments = useAmendments(true, 'pending');
  const [signing, setSigning] = useState<string | null>(null);
  return (
    <Stack>
      <Title order={2}>My inbox</Title>
      <SimpleGrid cols={{ base: 2, md: 5 }}>
        <Count label="My deficiencies" value={counts.data?.deficiencies} testId="count-deficiencies" />
        <Count label="Overdue" value={counts.data?.overdue} testId="count-overdue" />
        <Count label="Unsigned notes" value={counts.data?.unsignedNotes} testId="count-unsigned" />
        <Count label="Open queries" value={counts.data?.queries} testId="count-queries" />
        <Count label="Amendments to decide" value={counts.data?.amendments} testId="count-amendments" />
      </SimpleGrid>
      {defs.error && <Alert color="red">{defs.error.message}</Alert>}
      <Title order={3}>Deficiencies waiting on me</Title>
      <DeficiencyTable
        label="My deficiencies"
        items={defs.data?.items ?? []}
        action={(d) => {
          const note = noteOf(d);
          return note ? (
            <Group gap="xs">
              <Button size="xs" onClick={() => setSigning(note)}>
                {d.ruleId === 'resident-cosign' ? 'Co-sign' : 'Sign'}
              </Button>
              <Anchor component={Link} to={`/completion/notes/${note}`} size="xs">
                Signatures
              </Anchor>
            </Group>
          ) : null;
        }}
      />
      {defs.data && defs.data.total > PAGE && (
        <Pagination total={Math.ceil(defs.data.total / PAGE)} value={page} onChange={setPage} />
      )}
      {signing && <SignDialog noteId={signing} opened onClose={() => setSigning(null)} />}
      <Title order={3}>Queries for me</Title>
      {queries.data?.items.length === 0 && <Text c="dimmed">No open queries.</Text>}
      {queries.data?.items.map((q) => (
        <QueryAnswerCard key={q.id} q={q} />
      ))}
      <Title order={3}>Amendment requests routed to me</Title>
      {amendments.data?.items.length === 0 && <Text c="dimmed">No requests to decide.</Text>}
      {amendments.data?.items.map((a) => (
        <AmendmentDecisionCard key={a.id} a={a} />
      ))}
    </Stack>
  );
}
