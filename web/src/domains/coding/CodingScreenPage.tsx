import { Alert, Anchor, Center, Grid, Group, Loader, Stack, Text, Textarea, Title } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { ChartBesideCodes } from './ChartBesideCodes.tsx';
import { CodeLinesSection } from './CodeLinesSection.tsx';
import { CodingActions } from './CodingActions.tsx';
import { STATUS_LABEL } from './CodingQueuePage.tsx';
import {
  type CodingAction,
  type CodingScreen,
  useCodingChange,
  useCodingScreen,
  useLiveEdits,
} from './coding.api.ts';
import { EditFindings } from './EditFindings.tsx';
import { useCodingDraft } from './useCodingDraft.ts';

/** The coding screen: the chart on the left, the codes with live edits and the status on the right. */
export function CodingScreenPage(): ReactElement {
  const { encounterId = '' } = useParams();
  const { data, error, isLoading } = useCodingScreen(encounterId);
  if (isLoading) {
    return (
      <Center h={200}>
        <Loader />
      </Center>
    );
  }
  if (error || !data) {
    return (
      <Alert color="red" title="This encounter cannot be opened">
        {error?.message ?? 'Not found.'}{' '}
        <Anchor component={Link} to="/coding">
          Back to the queue
        </Anchor>
      </Alert>
    );
  }
  return <CodingWorkspace s={data} />;
}

function CodingWorkspace({ s }: { s: CodingScreen }): ReactElement {
  const d = useCodingDraft(s);
  const live = useLiveEdits(d.dirty ? d.editsDraft : null);
  const change = useCodingChange(s.encounter.id);
  const [labels] = useState(() => new Map<string, string>());
  for (const t of s.titles) labels.set(t.code, t.description);
  const c = s.coding;
  const readOnly = !c.allowedActions.includes('save');
  const act = (action: CodingAction, extra: object = {}) =>
    change.mutate({ action, body: action === 'save' ? d.body(c.version) : { version: c.version, ...extra } });

  return (
    <Stack>
      <Group justify="space-between">
        <Group>
          <Title order={2}>Code encounter</Title>
          <StatusBadge
            status={c.status}
            label={STATUS_LABEL[c.status]}
            size="lg"
            data-testid="coding-status"
          />
          <Text size="sm" c="dimmed">
            version {c.version}
          </Text>
        </Group>
        <Anchor component={Link} to="/coding">
          Back to the queue
        </Anchor>
      </Group>
      {c.holdQuestion && (
        <Alert color="orange" title="On hold for a clinician query">
          {c.holdQuestion}
        </Alert>
      )}
      <MutationError error={change.error} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <ChartBesideCodes s={s} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <CodeLinesSection s={s} d={d} labels={labels} readOnly={readOnly} />
            <Textarea
              label="Coder notes"
              description="For other coders and the billing office; not part of the clinical record."
              value={d.draft.coderNotes}
              onChange={(e) => d.setNotes(e.currentTarget.value)}
              maxLength={4000}
              autosize
              minRows={2}
              disabled={readOnly}
            />
            {d.dirty ? (
              <EditFindings
                title="Live edits (unsaved)"
                findings={live.data?.findings ?? []}
                loading={live.isFetching}
                onUse={d.replaceCode}
              />
            ) : (
              <EditFindings
                title={c.editsRunAt ? `Stored edits (${new Date(c.editsRunAt).toLocaleString()})` : 'Edits'}
                findings={c.edits}
                {...(readOnly ? {} : { onUse: d.replaceCode })}
              />
            )}
            <CodingActions
              coding={c}
              dirty={d.dirty}
              canSave={d.modifierProblems.every((p) => !p)}
              busy={change.isPending}
              onSave={() => act('save')}
              onAction={act}
            />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** What went wrong and what to do: validation issues field by field, or the server's message. */
function MutationError({ error }: { error: Error | null }): ReactElement | null {
  if (!error) return null;
  const issues =
    error instanceof ApiError && error.code === 'VALIDATION_FAILED'
      ? ((error.details as { issues?: { field: string; message: string }[] })?.issues ?? [])
      : [];
  return (
    <Alert color="red" title="Not saved" data-testid="coding-error">
      {error.message}
      {issues.map((i) => (
        <Text key={i.field} size="sm">
          {i.field}: {i.message}
        </Text>
      ))}
    </Alert>
  );
}
