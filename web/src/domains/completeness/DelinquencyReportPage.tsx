import { Alert, Anchor, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { type ReportLine, reportCsvUrl, useDelinquencyReport } from './completeness.api.ts';

const firstOfMonth = () => `${new Date().toISOString().slice(0, 8)}01`;
const today = () => new Date().toISOString().slice(0, 10);

/** Horizontal bars of delinquent charts per clinician (plain SVG, prints well). */
function Bars({ lines }: { lines: ReportLine[] }): ReactElement {
  const top = lines.slice(0, 10);
  const max = Math.max(1, ...top.map((l) => l.delinquentCharts));
  return (
    <svg
      role="img"
      aria-label="Delinquent charts per clinician"
      width="100%"
      height={top.length * 28 + 8}
      viewBox={`0 0 600 ${top.length * 28 + 8}`}
    >
      {top.map((l, i) => (
        <g key={l.key} transform={`translate(0, ${i * 28 + 4})`}>
          <text x="0" y="16" fontSize="12" fill="currentColor">
            {l.label.slice(0, 28)}
          </text>
          <rect
            x="200"
            y="2"
            height="18"
            width={(l.delinquentCharts / max) * 340}
            fill="var(--mantine-color-red-6)"
          />
          <text x={206 + (l.delinquentCharts / max) * 340} y="16" fontSize="12" fill="currentColor">
            {l.delinquentCharts}
          </text>
        </g>
      ))}
    </svg>
  );
}

function LinesTable({ lines, label }: { lines: ReportLine[]; label: string }): ReactElement {
  return (
    <Table striped aria-label={label} fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{label}</Table.Th>
          <Table.Th ta="right">Open</Table.Th>
          <Table.Th ta="right">Past due</Table.Th>
          <Table.Th ta="right">Avg days open</Table.Th>
          <Table.Th ta="right">Delinquent charts</Table.Th>
          <Table.Th ta="right">Discharges</Table.Th>
          <Table.Th ta="right">Rate</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {lines.map((l) => (
          <Table.Tr key={l.key}>
            <Table.Td>{l.label}</Table.Td>
            <Table.Td ta="right">{l.openDeficiencies}</Table.Td>
            <Table.Td ta="right">{l.delinquentDeficiencies}</Table.Td>
            <Table.Td ta="right">{l.averageDaysOpen}</Table.Td>
            <Table.Td ta="right">{l.delinquentCharts}</Table.Td>
            <Table.Td ta="right">{l.discharges}</Table.Td>
            <Table.Td ta="right">{(l.delinquencyRate * 100).toFixed(1)} %</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Delinquency per clinician and service for discharges in a period: printable and exportable as CSV. */
export function DelinquencyReportPage(): ReactElement {
  const [from, setFrom] = useState(firstOfMonth());
  const [to, setTo] = useState(today());
  const problem = from && to && from > to ? 'The end must not be before the start.' : undefined;
  const { data, error, isFetching } = useDelinquencyReport(from, to);
  return (
    <Stack maw={1100}>
      {/* Printing shows the report alone, without the app's navigation and controls. */}
      <style>{'@media print { nav, header, .no-print { display: none !important; } }'}</style>
      <Title order={2}>Delinquency report</Title>
      <Group align="flex-end" className="no-print">
        <TextInput
          label="Discharged from"
          type="date"
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
        />
        <TextInput
          label="to"
          type="date"
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          error={problem}
        />
        <Button variant="default" onClick={() => window.print()} disabled={!data}>
          Print
        </Button>
        <Anchor href={reportCsvUrl(from, to)} download>
          Export CSV
        </Anchor>
      </Group>
      {error && <Alert color="red">{error.message}</Alert>}
      {isFetching && <Text c="dimmed">Loading…</Text>}
      {data && (
        <>
          <Text data-testid="report-totals">
            {data.totals.delinquentCharts} delinquent charts of {data.totals.discharges} discharges (
            {data.totals.discharges === 0
              ? '0.0'
              : ((data.totals.delinquentCharts / data.totals.discharges) * 100).toFixed(1)}{' '}
            %) · generated {new Date(data.generatedAt).toLocaleString()}
          </Text>
          <Card withBorder>
            <Bars lines={data.byClinician} />
          </Card>
          <LinesTable lines={data.byClinician} label="Clinician" />
          <LinesTable lines={data.byService} label="Service" />
        </>
      )}
    </Stack>
  );
}
