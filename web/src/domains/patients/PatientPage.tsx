import { Alert, Anchor, Button, Card, Group, Loader, Stack, Table, Tabs, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { Link, useParams } from 'react-router';
import { PatientBanner } from '../../ui/PatientBanner.tsx';
import { can, useMe } from '../access/access.api.ts';
import { Demographics } from './Demographics.tsx';
import { patientTabs } from './patient-tabs.ts';
import { usePatient, usePatientMerges, usePatientVersions, useUnmerge } from './patients.api.ts';
import { RestrictionPanel } from './RestrictionPanel.tsx';

/** The face sheet: demographics, identifiers, insurance; chart tabs plug into the tab slot. */
export function PatientPage(): ReactElement {
  const { id = '' } = useParams();
  const { data: p, error, isLoading } = usePatient(id);
  const { data: me } = useMe();
  if (isLoading) return <Loader aria-label="Loading patient" />;
  if (error || !p)
    return (
      <Alert color="red" title="Could not open this record">
        {error?.message} Go back to the patient search and try again.
      </Alert>
    );
  const canRestrict = can(me, 'patient:restrict');
  const tabs = patientTabs.filter((t) => !t.permission || can(me, t.permission));
  return (
    <Stack maw={1100}>
      <PatientBanner patient={p} />
      {p.status === 'active' && can(me, 'patient:write') && (
        <Group>
          <Button component={Link} to={`/patients/${p.id}/edit`} variant="light" size="xs">
            Edit demographics
          </Button>
        </Group>
      )}
      {p.mergedInto && (
        <Alert color="orange" title="This record was merged">
          Its MRN now resolves to the surviving record.{' '}
          <Anchor component={Link} to={`/patients/${p.mergedInto}`}>
            Open the surviving record
          </Anchor>
          .
        </Alert>
      )}
      <Tabs defaultValue="demographics" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="demographics">Demographics</Tabs.Tab>
          {tabs.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
          <Tabs.Tab value="history">Version history</Tabs.Tab>
          <Tabs.Tab value="merges">Merges</Tabs.Tab>
          {canRestrict && <Tabs.Tab value="restriction">Restriction</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="demographics" pt="md">
          <Demographics p={p} />
        </Tabs.Panel>
        {tabs.map((t) => (
          <Tabs.Panel key={t.value} value={t.value} pt="md">
            <t.Panel patientId={p.id} />
          </Tabs.Panel>
        ))}
        <Tabs.Panel value="history" pt="md">
          <VersionHistory id={p.id} />
        </Tabs.Panel>
        <Tabs.Panel value="merges" pt="md">
          <Merges id={p.id} canMerge={can(me, 'patient:merge')} />
        </Tabs.Panel>
        {canRestrict && (
          <Tabs.Panel value="restriction" pt="md">
            <RestrictionPanel patientId={p.id} />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}

function VersionHistory({ id }: { id: string }): ReactElement {
  const { data } = usePatientVersions(id);
  if (!data) return <Loader aria-label="Loading history" />;
  return (
    <Table aria-label="Version history">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Version</Table.Th>
          <Table.Th>When</Table.Th>
          <Table.Th>Who</Table.Th>
          <Table.Th>What</Table.Th>
          <Table.Th>Why</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {data.versions.map((v) => (
          <Table.Tr key={v.version}>
            <Table.Td>{v.version}</Table.Td>
            <Table.Td>{new Date(v.changedAt).toLocaleString()}</Table.Td>
            <Table.Td>{v.changedBy}</Table.Td>
            <Table.Td>
              {v.action}
              {v.changedFields.length ? `: ${v.changedFields.join(', ')}` : ''}
            </Table.Td>
            <Table.Td>{v.reason ?? '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Merges({ id, canMerge }: { id: string; canMerge: boolean }): ReactElement {
  const { data } = usePatientMerges(id);
  const unmerge = useUnmerge();
  if (!data) return <Loader aria-label="Loading merges" />;
  if (data.merges.length === 0) return <Text>This record has not been merged.</Text>;
  return (
    <Stack>
      {unmerge.error && <Alert color="red">{unmerge.error.message}</Alert>}
      {data.merges.map((m) => (
        <Card withBorder key={m.id}>
          <Text size="sm">
            {m.survivorId === id
              ? 'Another record was merged into this one'
              : 'This record was merged into another'}{' '}
            on {new Date(m.mergedAt).toLocaleString()} by {m.mergedBy}
            {m.unmergedAt ? ` · undone ${new Date(m.unmergedAt).toLocaleString()}` : ''}
          </Text>
          {canMerge && !m.unmergedAt && (
            <Button
              size="xs"
              mt="xs"
              color="orange"
              loading={unmerge.isPending}
              onClick={() => unmerge.mutate(m.id)}
            >
              Unmerge
            </Button>
          )}
        </Card>
      ))}
    </Stack>
  );
}
