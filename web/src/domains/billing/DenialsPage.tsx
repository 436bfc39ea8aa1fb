import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Pagination,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { Link } from 'react-router';
import { useReasonField } from '../../ui/useReasonField.ts';
import { can, useMe } from '../access/access.api.ts';
import { AgingPanel } from './AgingPanel.tsx';
import { money } from './billing.api.ts';
import {
  DENIAL_CATEGORY_LABEL,
  DENIAL_PAGE,
  DENIAL_STATUS_LABEL,
  type DenialDetail,
  type DenialFilters,
  useDenial,
  useDenialAction,
  useDenialAging,
  useDenials,
} from './denials.api.ts';

/** Aging of open denials per bucket (0–30 … 120+ days since the 835), with the per-payer table. */
function DenialAgingPanel(): ReactElement {
  return (
    <AgingPanel
      query={useDenialAging()}
      title="Denials aging (days since the 835)"
      what="Denied"
      color="red"
      empty="No open denials."
    />
  );
}

/** One denial: CARC/RARC text, suggested action, the appeal form (letter PDF) and the trail. */
function DenialPanel({ d, canWrite }: { d: DenialDetail; canWrite: boolean }): ReactElement {
  const act = useDenialAction(d.id);
  const reason = useReasonField(10, 'Say why the payer should reconsider (at least 10 characters).');
  const [records, setRecords] = useState('');
  const final = d.status === 'resolved' || d.status === 'written_off';
  const appeal = () =>
    act.mutate({
      path: 'appeals',
      body: {
        version: d.version,
        reason: reason.value.trim(),
        records: records
          .split(/[\n,]/)
          .map((r) => r.trim())
          .filter(Boolean),
      },
    });
  return (
    <Card withBorder data-testid="denial-detail">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4}>
            Denial of{' '}
            <Anchor component={Link} to={`/billing/claims/${d.claimId}`}>
              {d.patientControlNumber}
            </Anchor>{' '}
            · {d.patientName} ({d.mrn})
          </Title>
          <Badge color={final ? 'gray' : 'red'} data-testid="denial-status">
            {DENIAL_STATUS_LABEL[d.status] ?? d.status}
          </Badge>
        </Group>
        <Text>
          <b>
            {d.groupCode}-{d.reasonCode}
          </b>{' '}
          {d.reasonText} · {money(d.amount)}
          {d.line ? ` on line ${d.line.lineNo} (${d.line.code})` : ''}
        </Text>
        {d.remarks.map((r) => (
          <Text key={r.code} size="sm">
            <b>{r.code}</b> {r.text}
          </Text>
        ))}
        <Alert color="blue" title="Suggested action">
          {d.suggestedAction}
        </Alert>
        {d.appeals.length > 0 && (
          <Stack gap={2} data-testid="denial-appeals">
            {d.appeals.map((a) => (
              <Text key={a.id} size="sm">
                Appeal level {a.level} by {a.createdBy} on {a.createdAt.slice(0, 10)} ·{' '}
                <Anchor href={`/api/billing/denials/${d.id}/appeals/${a.id}/letter`} target="_blank">
                  Appeal letter (PDF)
                </Anchor>
              </Text>
            ))}
          </Stack>
        )}
        {canWrite && !final && (
          <Stack gap="xs">
            <Textarea
              label="Appeal reason"
              description="The body of the letter to the payer."
              {...reason.inputProps}
              autosize
              minRows={3}
            />
            <Textarea
              label="Records sent with the appeal"
              description="One per line. The packet itself is released through Release of information."
              value={records}
              onChange={(e) => setRecords(e.currentTarget.value)}
              autosize
              minRows={2}
            />
            <Group>
              <Button
                onClick={appeal}
                disabled={!reason.ok}
                loading={act.isPending && act.variables?.path === 'appeals'}
              >
                Appeal with a letter
              </Button>
              <Button
                variant="default"
                onClick={() =>
                  act.mutate({ path: 'status', body: { version: d.version, status: 'resolved' } })
                }
              >
                Mark resolved
              </Button>
              <Button
                variant="default"
                color="red"
                onClick={() =>
                  act.mutate({ path: 'status', body: { version: d.version, status: 'written_off' } })
                }
              >
                Write off
              </Button>
            </Group>
            {act.error && (
              <Alert color="red" title="Nothing was changed">
                {act.error.message}
              </Alert>
            )}
          </Stack>
        )}
        <Table aria-label="Denial history" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Version</Table.Th>
              <Table.Th>What</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Who</Table.Th>
              <Table.Th>When</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.events.map((e) => (
              <Table.Tr key={e.version}>
                <Table.Td>{e.version}</Table.Td>
                <Table.Td>{e.action}</Table.Td>
                <Table.Td>{DENIAL_STATUS_LABEL[e.status] ?? e.status}</Table.Td>
                <Table.Td>{e.actor}</Table.Td>
                <Table.Td>{e.at.slice(0, 16).replace('T', ' ')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}

/** The denials work queue (issue 13): filter by status, CARC category and payer; open one to appeal it. */
export function DenialsPage(): ReactElement {
  const { data: me } = useMe();
  const canWrite = can(me, 'billing:write');
  const [filters, setFilters] = useState<DenialFilters>({ status: 'active', category: null, payer: '' });
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<string | null>(null);
  const list = useDenials(filters, page);
  const detail = useDenial(selected);
  const set = (f: Partial<DenialFilters>) => {
    setFilters((old) => ({ ...old, ...f }));
    setPage(1);
  };
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / DENIAL_PAGE));
  return (
    <Stack maw={1300}>
      <Title order={2}>Denials</Title>
      <Group align="flex-end">
        <Select
          label="Status"
          value={filters.status}
          onChange={(v) => set({ status: v ?? 'active' })}
          data={[
            { value: 'active', label: 'Being worked' },
            ...Object.entries(DENIAL_STATUS_LABEL).map(([value, label]) => ({ value, label })),
            { value: 'all', label: 'All' },
          ]}
          allowDeselect={false}
          w={180}
        />
        <Select
          label="Category"
          placeholder="Any"
          value={filters.category}
          onChange={(v) => set({ category: v })}
          data={Object.entries(DENIAL_CATEGORY_LABEL).map(([value, label]) => ({ value, label }))}
          clearable
          w={220}
        />
        <TextInput
          label="Payer"
          placeholder="Name or payer id"
          value={filters.payer}
          onChange={(e) => set({ payer: e.currentTarget.value })}
          w={220}
        />
      </Group>
      {list.error && <Alert color="red">{list.error.message}</Alert>}
      {list.data && (
        <Text size="sm" data-testid="denial-total">
          {list.data.total} denial(s)
        </Text>
      )}
      <Table striped highlightOnHover aria-label="Denials">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Claim</Table.Th>
            <Table.Th>Patient</Table.Th>
            <Table.Th>Payer</Table.Th>
            <Table.Th>Reason</Table.Th>
            <Table.Th>Category</Table.Th>
            <Table.Th ta="right">Amount</Table.Th>
            <Table.Th ta="right">Age</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.items.map((d) => (
            <Table.Tr key={d.id} data-testid="denial-row" bg={selected === d.id ? 'blue.0' : undefined}>
              <Table.Td ff="monospace">
                <Anchor component="button" type="button" onClick={() => setSelected(d.id)}>
                  {d.patientControlNumber}
                </Anchor>
              </Table.Td>
              <Table.Td>
                {d.patientName} ({d.mrn})
              </Table.Td>
              <Table.Td>{d.payerName}</Table.Td>
              <Table.Td title={d.reasonText}>
                {d.groupCode}-{d.reasonCode}
              </Table.Td>
              <Table.Td>{DENIAL_CATEGORY_LABEL[d.category] ?? d.category}</Table.Td>
              <Table.Td ta="right">{money(d.amount)}</Table.Td>
              <Table.Td ta="right">{d.ageDays} d</Table.Td>
              <Table.Td>{DENIAL_STATUS_LABEL[d.status] ?? d.status}</Table.Td>
            </Table.Tr>
          ))}
          {list.data?.items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={8}>No denials match. Change the filters or import an 835.</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} aria-label="Denial pages" />}
      {detail.error && <Alert color="red">{detail.error.message}</Alert>}
      {detail.data && <DenialPanel d={detail.data} canWrite={canWrite} />}
      <DenialAgingPanel />
    </Stack>
  );
}
