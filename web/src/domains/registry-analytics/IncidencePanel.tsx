import { Alert, Button, Checkbox, FileInput, Group, Select, Stack, Table, Text } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { Bar, BarChart, CartesianGrid, ErrorBar, XAxis, YAxis } from 'recharts';
import {
  type IncidenceRequest,
  type IncidenceResult,
  type IncidenceRow,
  type IntervalMethod,
  type StandardId,
  useIncidence,
} from './analytics.api.ts';
import { type CohortState, cleanFilter } from './CohortBuilder.tsx';
import { downloadText, SUPPRESSED, toCsv } from './csv.ts';
import { fmt, groupLabel } from './labels.ts';
import { ExcludedCases, SuppressionNote } from './Suppression.tsx';

type By = NonNullable<IncidenceRequest['by']>[number];
const BY: { value: By; label: string }[] = [
  { value: 'site', label: 'Site group' },
  { value: 'sex', label: 'Sex' },
  { value: 'year', label: 'Year' },
];

const STANDARDS: { value: StandardId; label: string }[] = [
  { value: 'us2000-million', label: '2000 U.S. Std Million' },
  { value: 'us2000', label: '2000 U.S. Std Population (unrounded, SEER)' },
];
const INTERVALS: { value: IntervalMethod; label: string }[] = [
  { value: 'fay-feuer', label: 'Fay–Feuer gamma' },
  { value: 'tiwari', label: 'Tiwari modified gamma (SEER*Stat)' },
];
export const intervalName = (m: IntervalMethod) => (m === 'tiwari' ? 'Tiwari' : 'Fay–Feuer');

const stratumLabel = (r: IncidenceRow, by: string[]) =>
  by.length === 0
    ? 'All'
    : by.map((b) => (b === 'sex' ? groupLabel('sex', r.strata[b] ?? '') : r.strata[b])).join(' · ');

export function incidenceCsv(r: IncidenceResult): string {
  const hide = (row: IncidenceRow, v: number | null) => (row.suppressed && v === null ? SUPPRESSED : v);
  const lines = [...r.rows, r.total].map((row, i) => [
    i === r.rows.length ? 'Total' : stratumLabel(row, r.by),
    hide(row, row.count),
    row.population,
    hide(row, row.crudeRate),
    hide(row, row.crudeLower),
    hide(row, row.crudeUpper),
    hide(row, row.ageAdjustedRate),
    hide(row, row.ageAdjustedStdErr),
    hide(row, row.ageAdjustedLower),
    hide(row, row.ageAdjustedUpper),
  ]);
  return toCsv(
    [
      'stratum',
      'count',
      'population',
      'crudeRate',
      'crudeLower',
      'crudeUpper',
      'ageAdjustedRate',
      'ageAdjustedStdErr',
      'ageAdjustedLower',
      'ageAdjustedUpper',
    ],
    lines,
  );
}

function Cell({
  row,
  value,
  digits = 1,
}: {
  row: IncidenceRow;
  value: number | null;
  digits?: number;
}): ReactElement {
  if (value === null && row.suppressed)
    return (
      <Table.Td ta="right">
        <Text span c="dimmed" fs="italic" size="xs">
          suppressed
        </Text>
      </Table.Td>
    );
  return <Table.Td ta="right">{fmt(value, digits)}</Table.Td>;
}

/** Age-specific counts and rates per stratum; hidden cells say so. */
function AgeTable({ result }: { result: IncidenceResult }): ReactElement {
  const cols = [...result.rows, result.total];
  const name = (i: number) =>
    i === result.rows.length ? 'Total' : stratumLabel(cols[i] as IncidenceRow, result.by);
  return (
    <Table fz="xs" aria-label="Age-specific counts and rates" striped withColumnBorders>
      <Table.Thead>
        <Table.Tr>
          <Table.Th rowSpan={2}>Age group</Table.Th>
          {cols.map((_, i) => (
            <Table.Th key={name(i)} colSpan={2} ta="center">
              {name(i)}
            </Table.Th>
          ))}
        </Table.Tr>
        <Table.Tr>
          {cols.flatMap((_, i) => [
            <Table.Th key={`${name(i)}-n`} ta="right">
              Count
            </Table.Th>,
            <Table.Th key={`${name(i)}-r`} ta="right">
              Rate
            </Table.Th>,
          ])}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {(result.total.ages ?? []).map((a, k) => (
          <Table.Tr key={a.ageGroup}>
            <Table.Td>{a.ageGroup}</Table.Td>
            {cols.flatMap((c, i) => {
              const cell = c.ages[k];
              if (!cell || cell.suppressed)
                return [
                  <Table.Td key={`${name(i)}-n`} ta="right" colSpan={2} data-suppressed="true">
                    <Text span c="dimmed" fs="italic" size="xs">
                      suppressed
                    </Text>
                  </Table.Td>,
                ];
              return [
                <Table.Td key={`${name(i)}-n`} ta="right">
                  {cell.count}
                </Table.Td>,
                <Table.Td key={`${name(i)}-r`} ta="right">
                  {fmt(cell.rate, 1)}
                </Table.Td>,
              ];
            })}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Counts, crude and age-adjusted rates per 100,000 (2000 U.S. standard) with Fay–Feuer intervals. */
export function IncidencePanel({ cohort }: { cohort: CohortState }): ReactElement {
  const [by, setBy] = useState<By[]>(['sex']);
  const [population, setPopulation] = useState<File | null>(null);
  const [standard, setStandard] = useState<StandardId>('us2000-million');
  const [interval, setIntervalMethod] = useState<IntervalMethod>('fay-feuer');
  const [req, setReq] = useState<IncidenceRequest | null>(null);
  const { data, error, isFetching } = useIncidence(req);
  const run = async () => {
    if (!population) return;
    setReq({
      cohort: cleanFilter(cohort.filter),
      by,
      populationCsv: await population.text(),
      confLevel: 0.95,
      standard,
      interval,
    });
  };
  const bars = data?.rows
    .filter((r) => r.ageAdjustedRate !== null)
    .map((r) => ({
      name: stratumLabel(r, data.by),
      rate: r.ageAdjustedRate,
      ci: [
        (r.ageAdjustedRate as number) - (r.ageAdjustedLower ?? 0),
        (r.ageAdjustedUpper ?? 0) - (r.ageAdjustedRate as number),
      ],
    }));
  return (
    <Stack>
      <Group align="flex-end">
        <Checkbox.Group label="Rates by" value={by} onChange={(v) => setBy(v as By[])}>
          <Group mt={6}>
            {BY.map((b) => (
              <Checkbox key={b.value} value={b.value} label={b.label} />
            ))}
          </Group>
        </Checkbox.Group>
        <FileInput
          label="Population (person-years CSV)"
          description="ageGroup, population, and sex / year columns"
          placeholder="Choose a file"
          accept=".csv,text/csv"
          value={population}
          onChange={setPopulation}
          clearable
          w={300}
        />
        <Select
          label="Standard population"
          data={STANDARDS}
          value={standard}
          onChange={(v) => v && setStandard(v as StandardId)}
          allowDeselect={false}
          w={280}
        />
        <Select
          label="Age-adjusted interval"
          data={INTERVALS}
          value={interval}
          onChange={(v) => v && setIntervalMethod(v as IntervalMethod)}
          allowDeselect={false}
          w={250}
        />
        <Button onClick={() => void run()} loading={isFetching} disabled={!population}>
          Show incidence
        </Button>
        {data && (
          <Button variant="default" onClick={() => downloadText('incidence.csv', incidenceCsv(data))}>
            Export CSV
          </Button>
        )}
      </Group>
      {error && (
        <Alert color="red" title="Incidence could not be computed">
          {error.message}
        </Alert>
      )}
      {data && (
        <>
          <SuppressionNote hidden={data.suppression?.hiddenCells ?? 0} cohort={data.cohort} />
          <Table striped fz="sm" aria-label="Incidence rates">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Stratum</Table.Th>
                <Table.Th ta="right">Count</Table.Th>
                <Table.Th ta="right">Population</Table.Th>
                <Table.Th ta="right">Crude rate</Table.Th>
                <Table.Th ta="right">95% CI</Table.Th>
                <Table.Th ta="right">Age-adjusted rate</Table.Th>
                <Table.Th ta="right">95% CI ({intervalName(data.interval)})</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...data.rows, data.total].map((r, i) => (
                <Table.Tr
                  key={i === data.rows.length ? 'total' : JSON.stringify(r.strata)}
                  fw={i === data.rows.length ? 600 : undefined}
                >
                  <Table.Td>{i === data.rows.length ? 'Total' : stratumLabel(r, data.by)}</Table.Td>
                  <Cell row={r} value={r.count} digits={0} />
                  <Table.Td ta="right">{r.population.toLocaleString('en-US')}</Table.Td>
                  <Cell row={r} value={r.crudeRate} />
                  {r.crudeRate === null ? (
                    <Cell row={r} value={null} />
                  ) : (
                    <Table.Td ta="right">
                      {fmt(r.crudeLower, 1)} – {fmt(r.crudeUpper, 1)}
                    </Table.Td>
                  )}
                  <Cell row={r} value={r.ageAdjustedRate} />
                  {r.ageAdjustedRate === null ? (
                    <Cell row={r} value={null} />
                  ) : (
                    <Table.Td ta="right">
                      {fmt(r.ageAdjustedLower, 1)} – {fmt(r.ageAdjustedUpper, 1)}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <AgeTable result={data} />
          <Text size="xs" c="dimmed">
            Rates per {data.ratePer.toLocaleString('en-US')}, age-adjusted to the {data.standard} (
            {data.standardSource}).
          </Text>
          {bars && bars.length > 0 && (
            <BarChart
              width={900}
              height={280}
              data={bars}
              margin={{ top: 10, right: 30, bottom: 10, left: 10 }}
              aria-label="Age-adjusted rates"
            >
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="name" />
              <YAxis
                width={80}
                label={{ value: 'Age-adjusted rate', angle: -90, position: 'insideLeft', offset: 10 }}
              />
              <Bar dataKey="rate" fill="var(--mantine-color-teal-6)" isAnimationActive={false}>
                <ErrorBar
                  dataKey="ci"
                  width={6}
                  stroke="var(--mantine-color-dark-4)"
                  isAnimationActive={false}
                />
              </Bar>
            </BarChart>
          )}
          <ExcludedCases cases={data.excludedCases} />
        </>
      )}
    </Stack>
  );
}
