import { Alert, Anchor, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { type ReactElement, useState } from 'react';
import { Link, useParams } from 'react-router';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { useMe } from '../access/access.api.ts';
import { ChartBanner } from './ChartBanner.tsx';
import { type EncounterStatus, useEncounter, useEncounterStatus } from './chart.api.ts';
import { EncounterOutcome } from './EncounterOutcome.tsx';
import { statusLabel } from './EncountersPanel.tsx';
import { EntryForm } from './EntryForm.tsx';
import { EntryTable } from './EntryTable.tsx';
import { VersionHistory } from './VersionHistory.tsx';

const ACTION_LABEL: Record<EncounterStatus, string> = {
  scheduled: 'Schedule',
  arrived: 'Mark arrived',
  in_progress: 'Start visit',
  completed: 'Complete visit',
  cancelled: 'Cancel',
  no_show: 'No-show',
};
const OUTCOME_KINDS = ['result', 'diagnosis', 'procedure', 'order', 'note'];

/** One visit: its details, life cycle, outcomes (results, diagnoses, procedures, tests, notes) and follow-up. */
export function EncounterPage(): ReactElement {
  const { patientId = '', encounterId = '' } = useParams();
  const { data: me } = useMe();
  const canWrite = me?.permissions.includes('chart:write') ?? false;
  const { data, isLoading, error } = useEncounter(encounterId);
  const status = useEncounterStatus(patientId);
  const [history, setHistory] = useState(false);
  if (isLoading) return <Loader aria-label="Loading encounter" />;
  if (error || !data)
    return (
      <Alert color="red">
        {error?.message ?? 'Not found.'} Go back to the chart and open the encounter again.
      </Alert>
    );
  const e = data.encounter;
  const open = !e.enteredInError && !['completed', 'cancelled', 'no_show'].includes(e.status);
  return (
    <Stack maw={1200}>
      <ChartBanner patientId={patientId} />
      <Anchor component={Link} to={`/patients/${patientId}/chart/encounters`} size="sm">
        ← All encounters
      </Anchor>
      <Group justify="space-between">
        <Title order={2}>
          {e.type} · {new Date(e.startsAt).toLocaleString()}
        </Title>
        <Group>
          <StatusBadge
            size="lg"
            status={e.status}
            label={statusLabel(e.status)}
            data-testid="encounter-status"
          />
          <Button variant="default" leftSection={<IconHistory size={16} />} onClick={() => setHistory(true)}>
            History
          </Button>
        </Group>
      </Group>
      <Text>
        {e.class === 'inpatient' ? 'Inpatient stay' : 'Appointment'} at {e.location} — {e.reason}
      </Text>
      {status.error && <Alert color="red">{status.error.message}</Alert>}
      {canWrite && e.allowedTransitions.length > 0 && (
        <Group>
          {e.allowedTransitions.map((to) => (
            <Button
              key={to}
              variant={to === 'cancelled' || to === 'no_show' ? 'default' : 'filled'}
              loading={status.isPending && status.variables?.status === to}
              onClick={() => status.mutate({ id: e.id, status: to, version: e.version })}
            >
              {ACTION_LABEL[to]}
            </Button>
          ))}
        </Group>
      )}
      <Card withBorder>
        <Title order={4} mb="sm">
          Outcomes
        </Title>
        <EntryTable patientId={patientId} entries={data.outcomes} label="Outcomes" canWrite={canWrite} />
      </Card>
      {canWrite && open && (
        <Card withBorder>
          <Title order={4} mb="sm">
            Record an outcome
          </Title>
          <EntryForm patientId={patientId} kinds={OUTCOME_KINDS} encounterId={e.id} />
        </Card>
      )}
      <Card withBorder>
        <Title order={4} mb="sm">
          Disposition and follow-up
        </Title>
        <EncounterOutcome key={e.version} encounter={e} canWrite={canWrite && !e.enteredInError} />
      </Card>
      <VersionHistory kind="encounters" id={history ? e.id : null} onClose={() => setHistory(false)} />
    </Stack>
  );
}
