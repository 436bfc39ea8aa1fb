import { Accordion, Alert, List, Text } from '@mantine/core';
import { IconEyeOff } from '@tabler/icons-react';
import type { ReactElement } from 'react';
import type { CohortInfo, ExcludedCase } from './analytics.api.ts';

/** Says plainly that cells are hidden and why (counts 1–15, with complementary cells). */
export function SuppressionNote({
  hidden,
  cohort,
}: {
  hidden: number;
  cohort?: CohortInfo;
}): ReactElement | null {
  if (hidden === 0 && cohort?.tumours !== null) return null;
  return (
    <Alert color="yellow" icon={<IconEyeOff />} title="Small cells suppressed" role="note">
      {hidden > 0 ? `${hidden} ${hidden === 1 ? 'cell is' : 'cells are'} hidden. ` : ''}
      Counts of 1–15 cases, and the rates and curves built on them, are not shown; further cells are hidden
      where a total would give a small one back (complementary suppression).
      {cohort?.tumours === null ? ' The cohort itself has fewer than 16 tumours.' : ''}
    </Alert>
  );
}

/** Cases that could not be analysed, each with its reason (never dropped silently). */
export function ExcludedCases({ cases }: { cases: ExcludedCase[] }): ReactElement {
  if (cases.length === 0) return <Text size="sm">No cases were excluded.</Text>;
  return (
    <Accordion variant="contained">
      <Accordion.Item value="excluded">
        <Accordion.Control>
          {cases.length} excluded {cases.length === 1 ? 'case' : 'cases'} (with reasons)
        </Accordion.Control>
        <Accordion.Panel>
          <List size="sm" aria-label="Excluded cases">
            {cases.map((c) => (
              <List.Item key={c.tumourId}>
                Tumour {c.tumourId}: {c.reason}
              </List.Item>
            ))}
          </List>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
