import {
  Alert,
  Button,
  FileInput,
  Group,
  NumberInput,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { type LifeRow, type LifeTableRequest, type LifeTableResult, useLifeTable } from './analytics.api.ts';
import { type CohortState, cleanFilter } from './CohortBuilder.tsx';
import { downloadText, SUPPRESSED, toCsv } from './csv.ts';
import { fmt, groupLabel } from './labels.ts';
import { ExcludedCases, SuppressionNote } from './Suppression.tsx';

const COLUMNS = [
  'interval',
  'start',
  'end',
  'alive',
  'died',
  'withdrawn',
  'effective',
  'survival',
  'survivalStdErr',
  'cumulative',
  'cumulativeStdErr',
  'expected',
  'expectedCumulative',
  'relative',
  'relativeCumulative',
  'relativeCumulativeStdErr',
] as const;

export function lifeTableCsv(r: LifeTableResult): string {
  const cols = r.relative ? COLUMNS : COLUMNS.slice(0, 11);
  const rows: (string | number | null | undefined)[][] = [];
  for (const g of r.groups) {
    if (g.suppressed) rows.push([g.group, ...cols.map(() => SUPPRESSED)]);
    else
      for (const row of g.rows)
        rows.push([g.group, ...cols.map((c) => (row.suppressed && row[c] === null ? SUPPRESSED : row[c]))]);
  }
  return toCsv(['group', ...cols], rows);
}

/** A life-table cell: a hidden (small-cell) value says so, an undefined one is a dash. */
function Cell({
  row,
  value,
  digits,
}: {
  row: LifeRow;
  value: number | null | undefined;
  digits?: number;
}): ReactElement {
  if (value === null && row.suppressed)
    return (
      <Table.Td ta="right" data-suppressed="true">
        <Text span size="xs" c="dimmed" fs="italic">
          suppressed
        </Text>
      </Table.Td>
    );
  return <Table.Td ta="right">{digits === undefined ? (value ?? '—') : fmt(value, digits)}</Table.Td>;
}

/** The SEER-style actuarial life table (and Ederer II relative survival with an expected table). */
export function LifeTablePanel({ cohort }: { cohort: CohortState }): ReactElement {
  const [interval, setInterval] = useState<'year' | 'month'>('year');
  const [maxIntervals, setMaxIntervals] = useState<number | string>(10);
  const [expected, setExpected] = useState<File | null>(null);
  const [req, setReq] = useState<LifeTableRequest | null>(null);
  const { data, error, isFetching } = useLifeTable(req);
  const run = async () =>
    setReq({
      cohort: cleanFilter(cohort.filter),
      ...(cohort.groupBy ? { groupBy: cohort.groupBy } : {}),
      interval,
      ...(typeof maxIntervals === 'number' ? { maxIntervals } : {}),
      ...(expected ? { expectedCsv: await expected.text() } : {}),
    });
  const rel = data?.relative === 'ederer2';
  return (
    <Stack>
      <Group align="flex-end">
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Intervals
          </Text>
          <SegmentedControl
            aria-label="Intervals"
            data={[
              { value: 'year', label: 'Yearly' },
              { value: 'month', label: 'Monthly' },
            ]}
            value={interval}
            onChange={(v) => setInterval(v as 'year' | 'month')}
          />
        </Stack>
        <NumberInput
          label="Number of intervals"
          min={1}
          max={1200}
          value={maxIntervals}
          onChange={setMaxIntervals}
          w={170}
        />
        <FileInput
          label="Expected survival (CSV, for relative survival)"
          placeholder="age,sex,year,p"
          accept=".csv,text/csv"
          value={expected}
          onChange={setExpected}
          clearable
          w={300}
        />
        <Button onClick={() => void run()} loading={isFetching}>
          Show life table
        </Button>
        {data && (
          <Button variant="default" onClick={() => downloadText('lifetable.csv', lifeTableCsv(data))}>
            Export CSV
          </Button>
        )}
      </Group>
      {error && (
        <Alert color="red" title="The life table could not be built">
          {error.message}
        </Alert>
      )}
      {data && (
        <>
          <SuppressionNote
            hidden={
              data.groups.filter((g) => g.suppressed).length +
              data.groups.reduce((n, g) => n + g.rows.filter((r) => r.suppressed).length, 0)
            }
            cohort={data.cohort}
          />
          {data.groups.map((g) => (
            <Stack key={g.group} gap="xs">
              <Title order={4}>
                {groupLabel(data.groupBy, g.group)}
                {g.suppressed ? '' : ` (${g.n} cases)`}
              </Title>
              {g.suppressed ? (
                <Text c="dimmed" fs="italic">
                  Suppressed (small cell)
                </Text>
              ) : (
                <>
                  <Text size="sm" data-testid={`years-${g.group}`}>
                    {g.years
                      .map(
                        (y) =>
                          `${y.years}-year ${y.cumulative === null ? 'not available (follow-up too short or small cells)' : `${fmt(y.cumulative * 100, 1)}%`}` +
                          (rel && y.relativeCumulative !== null
                            ? ` (relative ${fmt(y.relativeCumulative * 100, 1)}%)`
                            : ''),
                      )
                      .join(' · ')}
                  </Text>
                  <Table striped fz="xs" aria-label={`Life table ${groupLabel(data.groupBy, g.group)}`}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Interval ({data.intervalMonths === 12 ? 'years' : 'months'})</Table.Th>
                        <Table.Th ta="right">Alive at start</Table.Th>
                        <Table.Th ta="right">Died</Table.Th>
                        <Table.Th ta="right">Lost/withdrawn</Table.Th>
                        <Table.Th ta="right">Effective at risk</Table.Th>
                        <Table.Th ta="right">Interval survival</Table.Th>
                        <Table.Th ta="right">SE</Table.Th>
                        <Table.Th ta="right">Cumulative survival</Table.Th>
                        <Table.Th ta="right">SE</Table.Th>
                        {rel && <Table.Th ta="right">Expected cum.</Table.Th>}
                        {rel && <Table.Th ta="right">Relative cum.</Table.Th>}
                        {rel && <Table.Th ta="right">SE</Table.Th>}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {g.rows.map((r) => {
                        const u = data.intervalMonths === 12 ? 12 : 1;
                        return (
                          <Table.Tr key={r.interval}>
                            <Table.Td>
                              {r.start / u}–{r.end / u}
                            </Table.Td>
                            <Cell row={r} value={r.alive} />
                            <Cell row={r} value={r.died} />
                            <Cell row={r} value={r.withdrawn} />
                            <Cell row={r} value={r.effective} />
                            <Cell row={r} value={r.survival} digits={4} />
                            <Cell row={r} value={r.survivalStdErr} digits={4} />
                            <Cell row={r} value={r.cumulative} digits={4} />
                            <Cell row={r} value={r.cumulativeStdErr} digits={4} />
                            {rel && <Cell row={r} value={r.expectedCumulative} digits={4} />}
                            {rel && <Cell row={r} value={r.relativeCumulative} digits={4} />}
                            {rel && <Cell row={r} value={r.relativeCumulativeStdErr} digits={4} />}
                          </Table.Tr>
                        );
                      })}
                    </Table.Tbody>
                  </Table>
                </>
              )}
            </Stack>
          ))}
          <ExcludedCases cases={data.excludedCases} />
        </>
      )}
    </Stack>
  );
}
