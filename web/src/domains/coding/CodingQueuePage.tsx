import {
  Alert,
  Anchor,
  Badge,
  Group,
  Pagination,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type ReactElement, useState } from 'react';
import { Link } from 'react-router';
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
      <QueueTable items={data?.items ?? []} />
      {data && data.total > PAGE && (
        <Pagination
          total={Math.ceil(data.total / PAGE)}
          value={page}
          onChange={setPage}
          aria-label="Queue pages"
        />
      )}
    </Stack>
  );
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');

function QueueTable({ items }: { items: QueueItem[] }): ReactElement {
  return (
    <Table striped highlightOnHover aria-label="Encounters to code" data-testid="coding-queue">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Patient</Table.Th>
          <Table.Th>Age</Table.Th>
          <Table.Th>Encounter</Table.Th>
          <Table.Th>Location</Table.Th>
          <Table.Th>Dates</Table.Th>
          <Table.Th>Payer</Table.Th>
          <Table.Th>Chart</Table.Th>
          <Table.Th>Coding</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((i) => (
          <Table.Tr key={i.encounterId}>
            <Table.Td>
              {i.accessible ? (
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
              )}
            </Table.Td>
            <Table.Td>{i.ageYears}</Table.Td>
            <Table.Td>
              {i.class === 'inpatient' ? 'Inpatient' : 'Outpatient'} · {i.type}
            </Table.Td>
            <Table.Td>{i.location}</Table.Td>
            <Table.Td>
              {day(i.startsAt)}
              {i.dischargedAt ? ` – ${day(i.dischargedAt)}` : ''}
            </Table.Td>
            <Table.Td>{i.payer ?? '—'}</Table.Td>
            <Table.Td>
              <Badge variant="light" color={i.chartComplete ? 'teal' : 'yellow'} size="sm">
                {i.chartComplete ? 'Complete' : 'Incomplete'}
              </Badge>
            </Table.Td>
            <Table.Td>
              <StatusBadge status={i.codingStatus} label={STATUS_LABEL[i.codingStatus]} size="sm" />
            </Table.Td>
          </Table.Tr>
        ))}
        {items.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={8}>
              <Text c="dimmed">No encounters match. Clear a filter or pick another status.</Text>
            </Table.Td>
          </Table.Tr>
        )}
      </Table.Tbody>
    </Table>
  );
}
