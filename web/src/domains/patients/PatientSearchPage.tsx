import { Alert, Badge, Button, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, type ReactElement, useState } from 'react';
import { Link } from 'react-router';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
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
      {data && (
        <DataTable
          label="Search results"
          rows={data.items}
          columns={RESULT_COLUMNS}
          rowKey={(p) => p.id}
          empty="No patient matches. Check the spelling, or register a new patient."
          footer={<PageFooter page={data.page} hasNext={data.hasMore} onPage={go} />}
        />
      )}
    </Stack>
  );
}

const RESULT_COLUMNS: readonly Column<SearchItem>[] = [
  {
    key: 'name',
    header: 'Name',
    cell: (p) => (
      <>
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
      </>
    ),
  },
  { key: 'birthDate', header: 'Date of birth', cell: (p) => p.birthDate ?? '—' },
  { key: 'sex', header: 'Sex', cell: (p) => p.sexAtBirth ?? '—' },
  { key: 'mrn', header: 'MRN', cell: (p) => p.mrn },
];
