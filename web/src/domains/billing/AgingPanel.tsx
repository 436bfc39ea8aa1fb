import { Alert, Card, Group, Table, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { money } from './billing.api.ts';
import type { Aging } from './denials.api.ts';

/**
 * An aging report (0–30 … 120+ days) as a bar chart of the amount per bucket over every payer, and the
 * per-payer table; used for denials and for accounts receivable.
 * @param what - what the amounts are ("Denied", "Open"), used in the chart's and table's labels
 */
export function AgingPanel(props: {
  query: UseQueryResult<Aging, Error>;
  title: string;
  what: string;
  color: string;
  empty: string;
}): ReactElement {
  const { query, title, what, color, empty } = props;
  if (query.error) return <Alert color="red">{query.error.message}</Alert>;
  if (!query.data) return <Text>Loading aging…</Text>;
  const { buckets, totals, payers } = query.data;
  const data = buckets.map((b) => ({
    bucket: b,
    amount: totals[b]?.amount ?? 0,
    count: totals[b]?.count ?? 0,
  }));
  const noun = what === 'Denied' ? 'Denials' : what;
  return (
    <Card withBorder>
      <Title order={4}>{title}</Title>
      <Group align="flex-start" gap="xl" wrap="wrap">
        <div role="img" aria-label={`${what} amount per aging bucket`} data-testid="aging-chart">
          <BarChart width={420} height={200} data={data} margin={{ top: 10, right: 10, left: 10, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="bucket" />
            <YAxis />
            <Tooltip formatter={(v) => money(Number(v))} />
            <Bar
              dataKey="amount"
              name={what}
              fill={`var(--mantine-color-${color}-6)`}
              isAnimationActive={false}
            />
          </BarChart>
        </div>
        <Table striped aria-label={`${noun} aging per payer`} w="auto">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Payer</Table.Th>
              {buckets.map((b) => (
                <Table.Th key={b} ta="right">
                  {b}
                </Table.Th>
              ))}
              <Table.Th ta="right">Total</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {payers.map((p) => (
              <Table.Tr key={p.payerName} data-testid="aging-payer-row">
                <Table.Td>{p.payerName}</Table.Td>
                {buckets.map((b) => (
                  <Table.Td key={b} ta="right">
                    {p.buckets[b]?.count ? money(p.buckets[b].amount) : '—'}
                  </Table.Td>
                ))}
                <Table.Td ta="right">
                  {money(p.amount)} ({p.count})
                </Table.Td>
              </Table.Tr>
            ))}
            {payers.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={buckets.length + 2}>{empty}</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Group>
    </Card>
  );
}
