import { Alert, Anchor, Button, Group, Select, Stack, Text, Title } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { Link } from 'react-router';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
import { KeysetFooter, useKeysetPages } from '../../ui/Pager.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { can, useMe } from '../access/access.api.ts';
import {
  CLAIM_STATUSES,
  type ClaimStatus,
  type ClaimSummary,
  money,
  STATUS_LABEL,
  useBuildClaims,
  useClaims,
  useScrub,
} from './billing.api.ts';

const CLAIM_COLUMNS: readonly Column<ClaimSummary>[] = [
  {
    key: 'claim',
    header: 'Claim',
    cell: (c) => (
      <>
        <Anchor component={Link} to={`/billing/claims/${c.id}`} ff="monospace">
          {c.patientControlNumber}
        </Anchor>
        {c.frequencyCode !== '1' && (
          <Text span size="xs" c="dimmed" ml={6}>
            {c.frequencyCode === '7' ? 'replacement' : 'void'}
          </Text>
        )}
      </>
    ),
  },
  {
    key: 'payer',
    header: 'Payer',
    cell: (c) => (
      <>
        {c.payerName}
        <Text span size="xs" c="dimmed" ml={6}>
          {c.payerOrder}
        </Text>
      </>
    ),
  },
  { key: 'type', header: 'Type', cell: (c) => (c.type === 'P' ? '837P' : '837I') },
  {
    key: 'dates',
    header: 'Service dates',
    cell: (c) => `${c.serviceFrom}${c.serviceTo !== c.serviceFrom ? ` – ${c.serviceTo}` : ''}`,
  },
  {
    key: 'status',
    header: 'Status',
    cell: (c) => <StatusBadge status={c.status} label={STATUS_LABEL[c.status]} />,
  },
  { key: 'charge', header: 'Charge', align: 'right', cell: (c) => money(c.charge) },
  { key: 'paid', header: 'Paid', align: 'right', cell: (c) => money(c.paid) },
  { key: 'adjusted', header: 'Adjusted', align: 'right', cell: (c) => money(c.adjusted) },
  { key: 'balance', header: 'Balance', align: 'right', cell: (c) => money(c.balance) },
];

/**
 * The biller's claim queue: every claim by patient control number, filtered by status, a page at a time.
 * Build claims from final coding and scrub the unsent ones from here; a claim that needs work opens on its
 * findings and one-click fixes.
 */
export function ClaimQueuePage(): ReactElement {
  const { data: me } = useMe();
  const canWrite = can(me, 'billing:write');
  const [status, setStatus] = useState<ClaimStatus | 'all'>('all');
  // Cursor paging (keyset on the patient control number).
  const pages = useKeysetPages();
  const after = pages.after;
  const { data, error, isLoading, isFetching } = useClaims(status, after);
  const build = useBuildClaims();
  const scrub = useScrub();
  return (
    <Stack maw={1300}>
      <Group justify="space-between">
        <Title order={2}>Claims</Title>
        {canWrite && (
          <Group>
            <Button variant="default" loading={build.isPending} onClick={() => build.mutate()}>
              Build claims from final coding
            </Button>
            <Button loading={scrub.isPending} onClick={() => scrub.mutate(undefined)}>
              Scrub unsent claims
            </Button>
          </Group>
        )}
      </Group>
      {build.data && (
        <Alert color="teal" title="Claims built" withCloseButton onClose={() => build.reset()}>
          {build.data.built} claim(s) built from {build.data.captured} captured charge line(s)
          {build.data.replacements ? `, ${build.data.replacements} replacement(s)` : ''}
          {build.data.skipped.length
            ? `; ${build.data.skipped.length} encounter(s) skipped (${[...new Set(build.data.skipped.map((s) => s.reason))].join(', ')})`
            : ''}
          .
        </Alert>
      )}
      {scrub.data && (
        <Alert color="teal" title="Scrub finished" withCloseButton onClose={() => scrub.reset()}>
          {scrub.data.scrubbed} scrubbed: {scrub.data.ready} ready, {scrub.data.needsWork} need work
          {scrub.data.busy ? `, ${scrub.data.busy} busy (try again)` : ''}.
        </Alert>
      )}
      {(build.error ?? scrub.error) && <Alert color="red">{(build.error ?? scrub.error)?.message}</Alert>}
      <Select
        label="Status"
        w={220}
        value={status}
        allowDeselect={false}
        onChange={(v) => {
          setStatus((v ?? 'all') as ClaimStatus | 'all');
          pages.reset();
        }}
        data={[
          { value: 'all', label: 'All statuses' },
          ...CLAIM_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] })),
        ]}
      />
      {error && <Alert color="red">{error.message}</Alert>}
      {isLoading && <Text>Loading claims…</Text>}
      {data && (
        <DataTable
          label="Claims"
          rows={data.items}
          columns={CLAIM_COLUMNS}
          rowKey={(c) => c.id}
          rowProps={() => ({ 'data-testid': 'claim-row' })}
          empty={`No claims${status === 'all' ? '' : ` with status ${STATUS_LABEL[status].toLowerCase()}`}.${
            canWrite && status === 'all' ? ' Build claims from final coding to start.' : ''
          }`}
          footer={
            (pages.page > 1 || data.next) && (
              <KeysetFooter pages={pages} next={data.next} busy={isFetching} label="Claim pages" />
            )
          }
        />
      )}
    </Stack>
  );
}
