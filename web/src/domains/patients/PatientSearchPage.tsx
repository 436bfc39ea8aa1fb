import { Alert, Badge, Button, Group, Loader, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, type ReactElement, useState } from 'react';
import { Link } from 'react-router';
import { PageFooter } from '../../ui/Pager.tsx';
import { type SearchItem, type SearchParams, usePatientSearch } from './patients.api.ts';

/** Finds patients by name (partial, misspelled or sounds-alike), date of birth, MRN or phone. */
export function PatientSearchPage(): ReactElement {
  const [draft, setDraft] = useState({ name: '', birthDate: '', mrn: '', phone: '' });
  const [params, setParams] = useState<SearchParams | null>(null);
  const { data, error, isFetching } = usePatientSearch(params);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = Object.fromEntries(Object.entries(draft).filter(([, v]) => v.trim() !== ''));
    setParams({ ...p, page: 1 });
  };
  const go = (page: number) => params && setParams({ ...params, page });
  const set = (k: keyof typeof draft) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setDraft({ ...draft, [k]: e.currentTarget.value });

  return (
    <Stack maw={1000}>
      <Group justify="space-between">
        <Title order={2}>Patients</Title>
        <Button component={Link} to="/patients/new" variant="light">
          Register a new patient
        </Button>
      </Group>
      <form onSubmit={submit} aria-label="Patient search">
        <Group align="end">
          <TextInput
            label="Name"
            placeholder="Family, Given"
            value={draft.name}
            onChange={set('name')}
            autoFocus
          />
          <TextInput
            label="Date of birth"
            placeholder="YYYY-MM-DD"
            value={draft.birthDate}
            onChange={set('birthDate')}
            w={140}
          />
          <TextInput label="MRN" value={draft.mrn} onChange={set('mrn')} w={150} />
          <TextInput label="Phone" value={draft.phone} onChange={set('phone')} w={150} />
          <Button type="submit" loading={isFetching}>
            Search
          </Button>
        </Group>
      </form>
      {error && (
        <Alert color="red" title="Search failed">
          {error.message}
        </Alert>
      )}
      {isFetching && !data && <Loader aria-label="Searching" />}
      {data && <ResultsTable items={data.items} />}
      {data && <PageFooter page={data.page} hasNext={data.hasMore} onPage={go} />}
    </Stack>
  );
}

function ResultsTable({ items }: { items: SearchItem[] }): ReactElement {
  if (items.length === 0)
    return <Text>No patient matches. Check the spelling, or register a new patient.</Text>;
  return (
    <Table striped highlightOnHover aria-label="Search results">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Name</Table.Th>
          <Table.Th>Date of birth</Table.Th>
          <Table.Th>Sex</Table.Th>
          <Table.Th>MRN</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((p) => (
          <Table.Tr key={p.id}>
            <Table.Td>
              {p.restricted ? (
                <Badge color="gray">Restricted record</Badge>
              ) : (
                <Link to={`/patients/${p.id}`}>{p.name}</Link>
              )}
              {p.resolvedFromMrn && (
                <Text size="xs" c="dimmed">
                  MRN {p.resolvedFromMrn} was merged into this record
                </Text>
              )}
            </Table.Td>
            <Table.Td>{p.birthDate ?? '—'}</Table.Td>
            <Table.Td>{p.sexAtBirth ?? '—'}</Table.Td>
            <Table.Td>{p.mrn}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
