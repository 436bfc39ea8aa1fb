import { Stack, Table, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { FieldComparison } from './patients.api.ts';
import { waterfallSteps } from './waterfall.ts';

const sign = (w: number) => `${w > 0 ? '+' : ''}${w.toFixed(1)}`;

/**
 * Why the matcher scored a pair as it did (issue 17): each field's weight as a floating bar from the
 * running total before it to the total after it (green adds evidence of one person, red of two), with the
 * same figures in a table for keyboard and screen-reader users.
 */
export function MatchWaterfall({
  fields,
  score,
  label,
}: {
  fields: readonly FieldComparison[];
  score: number;
  label: string;
}): ReactElement {
  const steps = waterfallSteps(fields);
  if (steps.length === 0)
    return <Text size="sm">The field weights are not shown for a restricted record.</Text>;
  const data = steps.map((s) => ({ ...s, span: [Math.min(s.from, s.to), Math.max(s.from, s.to)] }));
  return (
    <Stack gap="xs">
      <BarChart
        width={560}
        height={36 * steps.length + 40}
        data={data}
        layout="vertical"
        margin={{ left: 40, right: 20 }}
        accessibilityLayer
      >
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" domain={['auto', 'auto']} />
        <YAxis type="category" dataKey="label" width={130} />
        <ReferenceLine x={0} stroke="gray" />
        <Tooltip formatter={(_v, _n, p) => [sign((p.payload as { weight: number }).weight), 'weight']} />
        <Bar dataKey="span" isAnimationActive={false}>
          {data.map((d) => (
            <Cell key={d.field} fill={d.weight >= 0 ? '#2f9e44' : '#e03131'} />
          ))}
        </Bar>
      </BarChart>
      <Table aria-label={label} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Field</Table.Th>
            <Table.Th>Comparison</Table.Th>
            <Table.Th ta="right">Weight</Table.Th>
            <Table.Th ta="right">Running total</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {steps.map((s) => (
            <Table.Tr key={s.field}>
              <Table.Td>{s.label}</Table.Td>
              <Table.Td>{s.reason}</Table.Td>
              <Table.Td ta="right" c={s.weight >= 0 ? 'green.8' : 'red.8'}>
                {sign(s.weight)}
              </Table.Td>
              <Table.Td ta="right">{s.to.toFixed(1)}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td fw={700}>Score</Table.Td>
            <Table.Td />
            <Table.Td />
            <Table.Td ta="right" fw={700}>
              {score.toFixed(1)}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
