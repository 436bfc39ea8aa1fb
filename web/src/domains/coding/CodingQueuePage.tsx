import {
  Alert,
  Anchor,
  Badge,
  Group,
  Pagination,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type ReactElement, useState } from 'react';
import { Link } from 'react-router';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { type QueueFilter, type QueueItem, useCodingQueue } from './coding.api.ts';

const PAGE = 25;
export const STATUS_LABEL = { uncoded: 'Uncoded', coded: 'Coded', on_hold: 'On hold', final: 'Final' };

const ageProblem = (v: string | undefined) =>
  v && !/^\d{1,3}$/.test(v) ? 'Type an age in whole years' : undefined;

/**
 * The coder work queue: completed encounters ready to code, complete charts first, oldest first.
 * Filters apply as you type; rows of records the coder may not open show no identity.
 */
export function CodingQueuePage(): ReactElement {
  const [filter, setFilter] = useState<QueueFilter>({ status: 'open' });
  const [page, setPage] = useState(1);
  const [debounced] = useDebouncedValue(filter, 250);
  const problems = { minAge: ageProblem(filter.minAge), maxAge: ageProblem(filter.maxAge) };
  const valid = !problems.minAge && !problems.maxAge;
  const { data, error } = useCodingQueue(valid ? debounced : { status: debounced.status }, page, PAGE);
  const set = (k: keyof QueueFilter) => (v: string | null) => {
    setFilter((f) => ({ ...f, [k]: v ?? undefined }));
    setPage(1);
  };

  return (
    <Stack>
      <Title order={2}>Coding queue</Title>
      <SegmentedControl
        aria-label="Coding status"
        value={filter.status}
        onChange={set('status')}
        data={[
          { value: 'open', label: 'To do' },
          { value: 'uncoded', label: 'Uncoded' },
          { value: 'coded', label: 'Coded' },
          { value: 'on_hold', label: 'On hold' },
          { value: 'final', label: 'Final' },
        ]}
        w="fit-content"
      />
      <Group align="flex-end" role="search" aria-label="Queue filters">
        <Select
          label="Class"
          data={[
            { value: 'appointment', label: 'Outpatient visit' },
            { value: 'inpatient', label: 'Inpatient stay' },
          ]}
          value={filter.class ?? null}
          onChange={set('class')}
          clearable
          w={170}
        />
        {(['type', 'facility', 'payer'] as const).map((k) => (
          <TextInput
            key={k}
            label={k === 'facility' ? 'Facility / location' : k === 'type' ? 'Visit type' : 'Payer'}
            value={filter[k] ?? ''}
            onChange={(e) => set(k)(e.currentTarget.value)}
            w={180}
          />
        ))}
        <TextInput
          label="Age from"
          value={filter.minAge ?? ''}
          onChange={(e) => set('minAge')(e.currentTarget.value)}
          error={problems.minAge}
          w={90}
        />
        <TextInput
          label="Age to"
          value={filter.maxAge ?? ''}
          onChange={(e) => set('maxAge')(e.currentTarget.value)}
          error={problems.maxAge}
          w={90}
        />
      </Group>
      {error && <Alert color="red">{error.message}</Alert>}
      {data && (
        <Text size="sm" c="dimmed" data-testid="queue-total">
          {data.total} encounter{data.total === 1 ? '' : 's'}
        </Text>
      )}
      {data && (
        <DataTable
          label="Encounters to code"
          testId="coding-queue"
          rows={data.items}
          columns={QUEUE_COLUMNS}
          rowKey={(i) => i.encounterId}
          empty={<Text c="dimmed">No encounters match. Clear a filter or pick another status.</Text>}
          footer={
            data.total > PAGE && (
              <Pagination
                total={Math.ceil(data.total / PAGE)}
                value={page}
                onChange={setPage}
                aria-label="Queue pages"
              />
            )
          }
        />
      )}
    </Stack>
  );
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');

const QUEUE_COLUMNS: readonly Column<QueueItem>[] = [
  {
    key: 'patient',
    header: 'Patient',
    cell: (i) =>
      i.accessible ? (
        <Anchor component={Link} to={`/coding/encounters/${i.encounterId}`}>
          {i.patientName}{' '}
          <Text span c="dimmed" size="xs">
            {i.mrn}
          </Text>
        </Anchor>
      ) : (
        <Text c="dimmed" size="sm">
          Restricted record
        </Text>
      ),
  },
  { key: 'age', header: 'Age', cell: (i) => i.ageYears },
  {
    key: 'encounter',
    header: 'Encounter',
    cell: (i) => `${i.class === 'inpatient' ? 'Inpatient' : 'Outpatient'} · ${i.type}`,
  },
  { key: 'location', header: 'Location', cell: (i) => i.location },
  {
    key: 'dates',
    header: 'Dates',
    cell: (i) => `${day(i.startsAt)}${i.dischargedAt ? ` – ${day(i.dischargedAt)}` : ''}`,
  },
  { key: 'payer', header: 'Payer', cell: (i) => i.payer ?? '—' },
  {
    key: 'chart',
    header: 'Chart',
    cell: (i) => (
      <Badge variant="light" color={i.chartComplete ? 'teal' : 'yellow'} size="sm">
        {i.chartComplete ? 'Complete' : 'Incomplete'}
      </Badge>
    ),
  },
  {
    key: 'coding',
    header: 'Coding',
    cell: (i) => <StatusBadge status={i.codingStatus} label={STATUS_LABEL[i.codingStatus]} size="sm" />,
  },
];
