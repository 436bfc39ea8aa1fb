import { Stack, Tabs, Text, Title } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { CohortBuilder, type CohortState } from './CohortBuilder.tsx';
import { IncidencePanel } from './IncidencePanel.tsx';
import { LifeTablePanel } from './LifeTablePanel.tsx';
import { SurvivalPanel } from './SurvivalPanel.tsx';

/** Registry analytics: build a cohort, then survival curves, the life table or incidence over it. */
export function AnalyticsPage(): ReactElement {
  const [cohort, setCohort] = useState<CohortState>({ filter: {}, groupBy: undefined });
  return (
    <Stack maw={1100}>
      <Title order={2}>Registry analytics</Title>
      <Text size="sm" c="dimmed">
        Aggregates over the registry’s tumours. Counts of 1–15 are suppressed on every screen and export.
      </Text>
      <CohortBuilder value={cohort} onChange={setCohort} />
      <Tabs defaultValue="survival" keepMounted>
        <Tabs.List>
          <Tabs.Tab value="survival">Survival curves</Tabs.Tab>
          <Tabs.Tab value="lifetable">Life table</Tabs.Tab>
          <Tabs.Tab value="incidence">Incidence</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="survival" pt="md">
          <SurvivalPanel cohort={cohort} />
        </Tabs.Panel>
        <Tabs.Panel value="lifetable" pt="md">
          <LifeTablePanel cohort={cohort} />
        </Tabs.Panel>
        <Tabs.Panel value="incidence" pt="md">
          <IncidencePanel cohort={cohort} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
