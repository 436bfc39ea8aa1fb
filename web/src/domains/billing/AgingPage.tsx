import { Stack, Text, Title } from '@mantine/core';
import type { ReactElement } from 'react';
import { AgingPanel } from './AgingPanel.tsx';
import { useArAging } from './denials.api.ts';

/** A/R aging dashboard (issue 13): what each payer still owes, by days since the claim was submitted. */
export function AgingPage(): ReactElement {
  const query = useArAging();
  return (
    <Stack maw={1300}>
      <Title order={2}>A/R aging</Title>
      <Text size="sm" c="dimmed">
        Open claim balances (charge − paid − adjusted, after 835 posting), aged from the first 837 batch that
        carried the claim{query.data ? `, as of ${query.data.asOf}` : ''}. Work the 91–120 and 120+ columns
        first: most payers' timely-filing and appeal limits run out there.
      </Text>
      <AgingPanel
        query={query}
        title="Accounts receivable per payer"
        what="Open"
        color="blue"
        empty="Nothing owed: no submitted claim has a balance."
      />
    </Stack>
  );
}
