import { Stack, Tabs, Title } from '@mantine/core';
import type { ReactElement } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useMe } from '../access/access.api.ts';
import { ChartBanner } from './ChartBanner.tsx';
import { CollectionPanel } from './CollectionPanel.tsx';
import { DocumentsPanel } from './DocumentsPanel.tsx';
import { EncountersPanel } from './EncountersPanel.tsx';
import { ResultsPanel } from './ResultsPanel.tsx';

const TABS = [
  { value: 'history', label: 'History' },
  { value: 'medications', label: 'Medications' },
  { value: 'allergies', label: 'Allergies' },
  { value: 'encounters', label: 'Encounters' },
  { value: 'results', label: 'Results' },
  { value: 'notes', label: 'Notes' },
  { value: 'documents', label: 'Documents' },
] as const;

const KINDS = {
  history: ['problem', 'surgery', 'family_history', 'social_history', 'concern', 'immunization'],
  medications: ['medication', 'med_reconciliation'],
  allergies: ['allergy', 'allergy_assertion'],
  notes: ['note'],
} as const;

/** The patient's chart, one tab per part of the clinical record; the tab is in the URL. */
export function ChartPage(): ReactElement {
  const { patientId = '', tab = 'history' } = useParams();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const canWrite = me?.permissions.includes('chart:write') ?? false;
  const label = TABS.find((t) => t.value === tab)?.label ?? 'History';
  return (
    <Stack maw={1200}>
      <ChartBanner patientId={patientId} />
      <Title order={2}>Chart</Title>
      <Tabs
        value={tab}
        onChange={(v) => v && navigate(`/patients/${patientId}/chart/${v}`)}
        keepMounted={false}
      >
        <Tabs.List>
          {TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value={tab} pt="md">
          {tab === 'encounters' && <EncountersPanel patientId={patientId} canWrite={canWrite} />}
          {tab === 'results' && <ResultsPanel patientId={patientId} canWrite={canWrite} />}
          {tab === 'documents' && <DocumentsPanel patientId={patientId} canWrite={canWrite} />}
          {tab in KINDS && (
            <CollectionPanel
              key={tab}
              patientId={patientId}
              collection={tab as keyof typeof KINDS}
              kinds={KINDS[tab as keyof typeof KINDS]}
              label={label}
              canWrite={canWrite}
            />
          )}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
