import { Alert, Card, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { type ReactElement, useMemo, useState } from 'react';
import { type ChartEntry, useCollection } from './chart.api.ts';
import { EntryTable, isAbnormalEntry } from './EntryTable.tsx';
import { resultValue } from './entry-summary.ts';
import { Sparkline } from './Sparkline.tsx';

/** Groups numeric results by test code for trends (newest value first in each group). */
function trends(results: ChartEntry[]) {
  const byCode = new Map<string, ChartEntry[]>();
  for (const r of results) {
    if (r.enteredInError || typeof r.data.value !== 'number') continue;
    const code = String(r.data.code);
    byCode.set(code, [...(byCode.get(code) ?? []), r]);
  }
  return [...byCode.entries()].map(([code, list]) => ({ code, list }));
}

/** Results with abnormal ones highlighted, and a trend per test code. */
export function ResultsPanel(props: { patientId: string; canWrite: boolean }): ReactElement {
  const [page, setPage] = useState(1);
  const { data, isLoading, error } = useCollection(props.patientId, 'results', page);
  const groups = useMemo(() => trends(data?.items ?? []), [data]);
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        Results are recorded on the encounter page of the visit that produced them.
      </Text>
      {isLoading && <Loader aria-label="Loading results" />}
      {error && <Alert color="red">{error.message} Reload the page to try again.</Alert>}
      {groups.length > 0 && (
        <>
          <Title order={4}>Trends</Title>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
            {groups.map(({ code, list }) => {
              const latest = list[0] as ChartEntry;
              const d = latest.data;
              return (
                <Card key={code} withBorder padding="sm" data-testid={`trend-${code}`}>
                  <Stack gap={4}>
                    <div>
                      <Text fw={500} size="sm">
                        {String(d.name)}
                      </Text>
                      <Text size="xs" c={isAbnormalEntry(latest) ? 'red' : 'dimmed'}>
                        latest {resultValue(d)}
                      </Text>
                    </div>
                    <Sparkline
                      label={`Trend of ${String(d.name)}`}
                      low={d.referenceLow as number | undefined}
                      high={d.referenceHigh as number | undefined}
                      points={list.map((r) => ({
                        id: r.id,
                        at: Date.parse(String(r.data.performedAt)),
                        value: r.data.value as number,
                        abnormal: isAbnormalEntry(r),
                      }))}
                    />
                  </Stack>
                </Card>
              );
            })}
          </SimpleGrid>
        </>
      )}
      {data && (
        <EntryTable
          patientId={props.patientId}
          entries={data.items}
          total={data.total}
          page={page}
          onPage={setPage}
          label="Results"
          canWrite={props.canWrite}
        />
      )}
    </Stack>
  );
}
