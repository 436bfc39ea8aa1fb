import { Alert, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { apiBlob } from '../../api/client.ts';
import { type SurvivalRequest, type SurvivalResult, useSurvival } from './analytics.api.ts';
import { type CohortState, cleanFilter } from './CohortBuilder.tsx';
import { downloadBlob, downloadText, SUPPRESSED, toCsv } from './csv.ts';
import { fmt, fmtP, groupLabel } from './labels.ts';
import { ExcludedCases, SuppressionNote } from './Suppression.tsx';
import { SurvivalChart } from './SurvivalChart.tsx';

export function survivalCsv(r: SurvivalResult): string {
  const rows: (string | number | null)[][] = [];
  for (const g of r.groups) {
    if (g.suppressed) {
      rows.push([
        g.group,
        SUPPRESSED,
        SUPPRESSED,
        SUPPRESSED,
        SUPPRESSED,
        SUPPRESSED,
        SUPPRESSED,
        SUPPRESSED,
        SUPPRESSED,
      ]);
      continue;
    }
    for (const p of g.points)
      rows.push([g.group, p.time, p.atRisk, p.events, p.censored, p.survival, p.stdErr, p.lower, p.upper]);
  }
  return toCsv(
    ['group', 'time', 'atRisk', 'events', 'censored', 'survival', 'stdErr', 'lower', 'upper'],
    rows,
  );
}

/** Kaplan–Meier: the curves with bands and numbers at risk, medians, the log-rank test, CSV export. */
export function SurvivalPanel({ cohort }: { cohort: CohortState }): ReactElement {
  const [timeUnit, setTimeUnit] = useState<'days' | 'months'>('months');
  const [confType, setConfType] = useState<SurvivalRequest['confType']>('log');
  const [confLevel, setConfLevel] = useState('0.95');
  const [req, setReq] = useState<SurvivalRequest | null>(null);
  const { data, error, isFetching } = useSurvival(req);
  const [pdfError, setPdfError] = useState<string | null>(null);
  const [pdfBusy, setPdfBusy] = useState(false);
  const downloadPdf = async () => {
    if (!req) return;
    setPdfBusy(true);
    setPdfError(null);
    try {
      downloadBlob('survival-report.pdf', await apiBlob('/registry/survival/report', req));
    } catch (e) {
      setPdfError((e as Error).message);
    } finally {
      setPdfBusy(false);
    }
  };
  const run = () =>
    setReq({
      cohort: cleanFilter(cohort.filter),
      ...(cohort.groupBy ? { groupBy: cohort.groupBy } : {}),
      timeUnit,
      confType,
      confLevel: Number(confLevel),
    });
  const labels = data?.groups.map((g) => groupLabel(data.groupBy, g.group)) ?? [];
  return (
    <Stack>
      <Group align="flex-end">
        <Select
          label="Time in"
          data={['months', 'days']}
          value={timeUnit}
          onChange={(v) => setTimeUnit((v as 'days' | 'months') ?? 'months')}
          allowDeselect={false}
          w={120}
        />
        <Select
          label="Confidence interval"
          data={[
            { value: 'log', label: 'log (R default)' },
            { value: 'log-log', label: 'log-log' },
            { value: 'plain', label: 'plain' },
          ]}
          value={confType}
          onChange={(v) => setConfType((v as SurvivalRequest['confType']) ?? 'log')}
          allowDeselect={false}
          w={170}
        />
        <Select
          label="Level"
          data={['0.9', '0.95', '0.99']}
          value={confLevel}
          onChange={(v) => setConfLevel(v ?? '0.95')}
          allowDeselect={false}
          w={90}
        />
        <Button onClick={run} loading={isFetching}>
          Show survival
        </Button>
        {data && (
          <Button variant="default" onClick={() => downloadText('survival.csv', survivalCsv(data))}>
            Export CSV
          </Button>
        )}
        {data && (
          <Button variant="default" onClick={() => void downloadPdf()} loading={pdfBusy}>
            Download PDF
          </Button>
        )}
      </Group>
      {error && (
        <Alert color="red" title="The analysis could not run">
          {error.message}
        </Alert>
      )}
      {pdfError && <Alert color="red">{pdfError}</Alert>}
      {data && (
        <>
          <SuppressionNote hidden={data.groups.filter((g) => g.suppressed).length} cohort={data.cohort} />
          <SurvivalChart
            groups={data.groups}
            labels={labels}
            unit={data.timeUnit}
            confLevel={data.confLevel}
          />
          <Table striped aria-label="Median survival" fz="sm" maw={900}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Group</Table.Th>
                <Table.Th ta="right">Cases</Table.Th>
                <Table.Th ta="right">Deaths</Table.Th>
                <Table.Th ta="right">Median ({data.timeUnit})</Table.Th>
                <Table.Th ta="right">{Math.round(data.confLevel * 100)}% CI</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.groups.map((g, i) => (
                <Table.Tr key={g.group}>
                  <Table.Td>{labels[i]}</Table.Td>
                  {g.suppressed ? (
                    <Table.Td colSpan={4} ta="right">
                      <Text span c="dimmed" fs="italic" size="sm">
                        Suppressed (small cell)
                      </Text>
                    </Table.Td>
                  ) : (
                    <>
                      <Table.Td ta="right">{g.n}</Table.Td>
                      <Table.Td ta="right">{g.events}</Table.Td>
                      <Table.Td ta="right">{g.median === null ? 'not reached' : fmt(g.median, 1)}</Table.Td>
                      <Table.Td ta="right">
                        {fmt(g.medianLower, 1)} – {fmt(g.medianUpper, 1)}
                      </Table.Td>
                    </>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text data-testid="logrank">
            {data.logRank
              ? `Log-rank test: χ² = ${data.logRank.chiSquare.toFixed(3)} on ${data.logRank.df} df, p = ${fmtP(data.logRank.p)}`
              : 'Log-rank test: one group only.'}
          </Text>
          <ExcludedCases cases={data.excludedCases} />
        </>
      )}
    </Stack>
  );
}
