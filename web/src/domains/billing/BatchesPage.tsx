import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { can, useMe } from '../access/access.api.ts';
import { money, useBatches, useClaims, useCreateBatch } from './billing.api.ts';

/**
 * 837 batch submission: every ready claim (or one payer's) is scrubbed again and written as one
 * interchange per payer and claim type; the claims become submitted. Earlier batches can be downloaded.
 */
export function BatchesPage(): ReactElement {
  const { data: me } = useMe();
  const canWrite = can(me, 'billing:write');
  const [payerId, setPayerId] = useState('');
  const [usage, setUsage] = useState<'P' | 'T'>('P');
  const ready = useClaims('ready', null);
  const batches = useBatches();
  const create = useCreateBatch();
  const readyCount = ready.data?.items.length ?? 0;
  return (
    <Stack maw={1300}>
      <Title order={2}>837 batches</Title>
      {canWrite && (
        <Card withBorder>
          <Stack>
            <Text size="sm" data-testid="ready-count">
              {ready.data
                ? `${readyCount}${ready.data.next ? '+' : ''} claim(s) ready to send.`
                : 'Counting ready claims…'}
            </Text>
            <Group align="flex-end">
              <TextInput
                label="Payer id (optional)"
                description="Only this payer's claims; empty for every payer"
                value={payerId}
                onChange={(e) => setPayerId(e.currentTarget.value)}
                w={260}
              />
              <SegmentedControl
                aria-label="Usage indicator (ISA15)"
                value={usage}
                onChange={(v) => setUsage(v as 'P' | 'T')}
                data={[
                  { value: 'P', label: 'Production' },
                  { value: 'T', label: 'Test' },
                ]}
              />
              <Button
                loading={create.isPending}
                disabled={readyCount === 0}
                onClick={() =>
                  create.mutate({ usage, ...(payerId.trim() ? { payerId: payerId.trim() } : {}) })
                }
              >
                Create the 837 batch
              </Button>
            </Group>
            {create.error && <Alert color="red">{create.error.message}</Alert>}
            {create.data && (
              <Alert color="teal" title="Batch written" data-testid="batch-result">
                {create.data.claims} claim(s) submitted in {create.data.files.length} file(s):{' '}
                {create.data.files
                  .map((f) => `${f.file} (${f.claims} claims, ${money(f.charge)})`)
                  .join('; ')}
              </Alert>
            )}
          </Stack>
        </Card>
      )}
      <Title order={4}>Recent batches</Title>
      {batches.error && <Alert color="red">{batches.error.message}</Alert>}
      {batches.data?.items.length === 0 && <Text>No batch written yet.</Text>}
      {batches.data && batches.data.items.length > 0 && (
        <Table striped aria-label="Batches">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>File</Table.Th>
              <Table.Th>ISA13</Table.Th>
              <Table.Th>Payer</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th ta="right">Claims</Table.Th>
              <Table.Th ta="right">Charge</Table.Th>
              <Table.Th>Written</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {batches.data.items.map((b) => (
              <Table.Tr key={b.id} data-testid="batch-row">
                <Table.Td>
                  <Anchor href={`/api/billing/batches/${b.id}/file`} ff="monospace" size="sm">
                    {b.file}
                  </Anchor>
                </Table.Td>
                <Table.Td>{b.interchangeControlNumber}</Table.Td>
                <Table.Td>{b.payerId}</Table.Td>
                <Table.Td>837{b.type}</Table.Td>
                <Table.Td ta="right">{b.claims}</Table.Td>
                <Table.Td ta="right">{money(b.charge)}</Table.Td>
                <Table.Td>
                  {new Date(b.createdAt).toLocaleString()} by {b.createdBy}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
