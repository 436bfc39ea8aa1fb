import { Alert, Card, Code, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactElement } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { type RegistryDashboard, useDashboard } from './registry.api.ts';

type Row = { key: string; label: string; count: number };

/** One breakdown: a bar chart and the same counts as a table (the chart alone is not readable by everyone). */
function Breakdown(props: { title: string; rows: Row[]; color: string; vertical?: boolean }): ReactElement {
  const { title, rows, color, vertical } = props;
  const height = vertical ? Math.max(160, rows.length * 26 + 40) : 220;
  return (
    <Card withBorder>
      <Title order={4} mb="xs">
        {title}
      </Title>
      <div role="img" aria-label={`Cases ${title.toLowerCase()}`}>
        <BarChart
          width={vertical ? 560 : 420}
          height={height}
          data={rows}
          layout={vertical ? 'vertical' : 'horizontal'}
          margin={{ top: 5, right: 20, left: vertical ? 10 : 0, bottom: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          {vertical ? (
            <>
              <XAxis type="number" allowDecimals={false} />
              <YAxis type="category" dataKey="label" width={220} interval={0} tick={{ fontSize: 12 }} />
            </>
          ) : (
            <>
              <XAxis dataKey="label" tick={{ fontSize: 12 }} />
              <YAxis allowDecimals={false} />
            </>
          )}
          <Tooltip />
          <Bar
            dataKey="count"
            name="Cases"
            fill={`var(--mantine-color-${color}-6)`}
            isAnimationActive={false}
          />
        </BarChart>
      </div>
      <Table striped aria-label={`Case counts ${title.toLowerCase()}`} mt="xs">
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Td>{r.label}</Table.Td>
              <Table.Td ta="right">{r.count}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** The rows of each breakdown (pure, for the page and its test). */
export function dashboardRows(d: RegistryDashboard): { site: Row[]; year: Row[]; stage: Row[] } {
  return {
    site: d.bySite.map((s) => ({ key: s.recode, label: s.name, count: s.count })),
    year: d.byYear.map((y) => ({ key: y.year, label: y.year, count: y.count })),
    stage: d.byStage.map((s) => ({
      key: s.code,
      label: s.code === 'blank' ? s.label : `${s.code} ${s.label}`,
      count: s.count,
    })),
  };
}

/** The registry dashboard (issue 14): cases by primary site (SEER site recode), diagnosis year and stage. */
export function RegistryDashboardPage(): ReactElement {
  const { data, error } = useDashboard();
  const rows = data ? dashboardRows(data) : null;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Registry dashboard</Title>
        {data && (
          <Text c="dimmed" role="status">
            {data.total} cases (tumours); patients restricted to you are left out
          </Text>
        )}
      </Group>
      {error && <Alert color="red">{error.message}</Alert>}
      {data && !data.siteRecodeLoaded && (
        <Alert color="yellow" title="Sites are shown by ICD-O-3 topography">
          Load the SEER Site Recode table to group them by site recode:{' '}
          <Code>chartkeeper registry site-recode load seersiterecode_site-recode-data-2023.csv</Code>
        </Alert>
      )}
      {rows && (
        <>
          <Breakdown
            title={
              data?.siteRecodeLoaded ? 'By primary site (SEER site recode)' : 'By primary site (topography)'
            }
            rows={rows.site}
            color="blue"
            vertical
          />
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Breakdown title="By diagnosis year" rows={rows.year} color="teal" />
            <Breakdown title="By SEER Summary Stage 2018" rows={rows.stage} color="grape" />
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
