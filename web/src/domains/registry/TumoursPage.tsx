import { Alert, Anchor, Badge, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { KeysetFooter, useKeysetPages } from '../../ui/Pager.tsx';
import { useTumours } from './registry.api.ts';

const PAGE = 25;

/**
 * The registry's cases, a page at a time (issue 14): the "Cases to abstract" queue of My work opens here.
 * `?patientId=` narrows it to one patient's tumours (the patient tumour list); ids stay out of names.
 */
export function TumoursPage(): ReactElement {
  const [params] = useSearchParams();
  const patientId = params.get('patientId') ?? undefined;
  const [status, setStatus] = useState(patientId ? 'all' : 'abstracting');
  const pages = useKeysetPages();
  const { data, error } = useTumours({
    patientId,
    status: status === 'all' ? undefined : status,
    after: pages.after ?? undefined,
    limit: PAGE,
  });
  return (
    <Stack>
      <Title order={2}>{patientId ? 'Tumours of this patient' : 'Registry cases'}</Title>
      <SegmentedControl
        aria-label="Status"
        value={status}
        onChange={(v) => {
          setStatus(v);
          pages.reset();
        }}
        data={[
          { value: 'abstracting', label: 'To abstract' },
          { value: 'complete', label: 'Complete' },
          { value: 'all', label: 'All' },
        ]}
      />
      {error && <Alert color="red">{error.message} Reload the page to try again.</Alert>}
      {data && data.items.length === 0 ? (
        <Text c="dimmed">
          No cases here. Accepted case-finding hits and imported abstracts appear in this list.
        </Text>
      ) : (
        <Table striped aria-label="Registry tumours">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Patient (#20)</Table.Th>
              <Table.Th>Tumour (#60)</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th>Site (#400)</Table.Th>
              <Table.Th>Diagnosed (#390)</Table.Th>
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data?.items.map((t) => (
              <Table.Tr key={t.id}>
                <Table.Td>{t.patientIdNumber}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/registry/tumours/${t.id}`}>
                    {t.tumorRecordNumber}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {t.patientItems.nameLast ?? ''}
                  {t.patientItems.nameFirst ? `, ${t.patientItems.nameFirst}` : ''}
                </Table.Td>
                <Table.Td>{t.items.primarySite ?? '—'}</Table.Td>
                <Table.Td>{t.items.dateOfDiagnosis ?? '—'}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={t.status === 'complete' ? 'teal' : 'orange'}>
                    {t.status}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <KeysetFooter pages={pages} next={data?.next} size="xs" summary={data ? `${data.total} tumours` : ''} />
    </Stack>
  );
}
