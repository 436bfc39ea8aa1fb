import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Pagination,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { type ReactElement, useState } from 'react';
import { Link } from 'react-router';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import {
  type DueRow,
  letterPdfUrl,
  useDueList,
  useFollowupRate,
  useLetterBatch,
  useRecordContact,
} from './registry.api.ts';

const PAGE = 25;
const SOURCES = [
  { value: '3', label: '3 Patient' },
  { value: '2', label: '2 Physician' },
  { value: '1', label: '1 Readmission' },
  { value: '0', label: '0 Reported hospitalization' },
  { value: '7', label: '7 Death certificate' },
  { value: '8', label: '8 Other' },
];
const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? 'n/a' : `${(x * 100).toFixed(1)} %`;

/** Records a contact (#1750, #1760, #1770, #1790), validated as the registrar types. */
function ContactModal(props: { row: DueRow | null; onClose: () => void }): ReactElement {
  const record = useRecordContact(props.row?.registryPatientId ?? '');
  const today = new Date().toISOString().slice(0, 10);
  const form = useForm({
    initialValues: {
      contactDate: today,
      vitalStatus: '1',
      cancerStatus: '9',
      followUpSource: '3',
      causeOfDeath: '',
    },
    validateInputOnChange: true,
    validate: {
      contactDate: (v) =>
        !/^\d{4}-\d{2}-\d{2}$/.test(v)
          ? 'Give the date as YYYY-MM-DD'
          : v > today
            ? 'The date is in the future'
            : null,
      causeOfDeath: (v, all) =>
        all.vitalStatus === '0' && !/^([A-Za-z]\d{2,3}|7777|7797)$/.test(v.trim())
          ? 'Give the ICD-10 cause without the dot (e.g. C509), or 7777 when there is no certificate'
          : null,
    },
  });
  return (
    <Modal opened={props.row !== null} onClose={props.onClose} title="Record follow-up contact">
      <form
        onSubmit={form.onSubmit(async (v) => {
          await record.mutateAsync({
            contactDate: v.contactDate,
            vitalStatus: v.vitalStatus as '0' | '1',
            cancerStatus: v.cancerStatus as '1' | '2' | '9',
            followUpSource: v.followUpSource as '3',
            sourceKind: 'phone',
            ...(v.vitalStatus === '0' ? { causeOfDeath: v.causeOfDeath.trim() } : {}),
          });
          form.reset();
          props.onClose();
        })}
      >
        <Stack>
          <Text size="sm">
            {props.row?.nameLast}, {props.row?.nameFirst} · last contact{' '}
            {props.row?.dateOfLastContact ?? 'never'}
          </Text>
          <TextInput label="Date of contact (#1750)" {...form.getInputProps('contactDate')} />
          <Select
            label="Vital status (#1760)"
            allowDeselect={false}
            data={[
              { value: '1', label: '1 Alive' },
              { value: '0', label: '0 Dead' },
            ]}
            {...form.getInputProps('vitalStatus')}
          />
          {form.values.vitalStatus === '0' && (
            <TextInput label="Cause of death (#1910)" {...form.getInputProps('causeOfDeath')} />
          )}
          <Select
            label="Cancer status (#1770)"
            allowDeselect={false}
            data={[
              { value: '1', label: '1 No evidence of this tumour' },
              { value: '2', label: '2 Evidence of this tumour' },
              { value: '9', label: '9 Unknown' },
            ]}
            {...form.getInputProps('cancerStatus')}
          />
          <Select
            label="Follow-up source (#1790)"
            allowDeselect={false}
            data={SOURCES}
            {...form.getInputProps('followUpSource')}
          />
          {record.error && <Alert color="red">{record.error.message}</Alert>}
          <Group justify="flex-end">
            <Button type="submit" loading={record.isPending}>
              Record contact
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Active follow-up (issue 14): who is due, letters as one PDF, contacts, and the CoC-style rate. */
export function FollowupPage(): ReactElement {
  const [state, setState] = useState('all');
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<string[]>([]);
  const [contact, setContact] = useState<DueRow | null>(null);
  const { data, error } = useDueList({
    state: state === 'all' ? undefined : state,
    withinDays: 30,
    offset: (page - 1) * PAGE,
    limit: PAGE,
  });
  const rate = useFollowupRate();
  const letters = useLetterBatch();
  return (
    <Stack>
      <Title order={2}>Follow-up</Title>
      {rate.data && (
        <Group aria-label="Follow-up rate">
          <Badge size="lg" variant="light">
            All analytic cases: {pct(rate.data.all.rate)} ({rate.data.all.lost} lost of{' '}
            {rate.data.all.eligible})
          </Badge>
          <Badge size="lg" variant="light">
            Last five years: {pct(rate.data.lastFiveYears.rate)} ({rate.data.lastFiveYears.lost} lost of{' '}
            {rate.data.lastFiveYears.eligible})
          </Badge>
        </Group>
      )}
      <Group justify="space-between">
        <SegmentedControl
          aria-label="State"
          value={state}
          onChange={(v) => {
            setState(v);
            setPage(1);
          }}
          data={[
            { value: 'all', label: 'All' },
            { value: 'due', label: 'Due' },
            { value: 'lost', label: 'Lost' },
            { value: 'upcoming', label: 'Next 30 days' },
          ]}
        />
        <Group gap="xs">
          <Button
            disabled={selected.length === 0}
            loading={letters.isPending}
            onClick={() => letters.mutate({ recipient: 'patient', registryPatientIds: selected })}
          >
            Patient letters ({selected.length})
          </Button>
          <Button
            variant="default"
            disabled={selected.length === 0}
            loading={letters.isPending}
            onClick={() => letters.mutate({ recipient: 'physician', registryPatientIds: selected })}
          >
            Physician letters ({selected.length})
          </Button>
        </Group>
      </Group>
      {letters.data && (
        <Alert color="teal" role="status">
          {letters.data.letters.length} letters ready.{' '}
          <Anchor href={letterPdfUrl(letters.data.batchId)} target="_blank">
            Open the letters (PDF)
          </Anchor>
        </Alert>
      )}
      {letters.error && <Alert color="red">{letters.error.message}</Alert>}
      {error && <Alert color="red">{error.message} Reload the page to try again.</Alert>}
      {data && data.items.length === 0 ? (
        <Text c="dimmed">Nobody is due for follow-up in the next 30 days.</Text>
      ) : (
        <Table striped aria-label="Follow-up due">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>
                <Checkbox
                  aria-label="Select all"
                  checked={
                    !!data?.items.length && data.items.every((r) => selected.includes(r.registryPatientId))
                  }
                  onChange={(e) =>
                    setSelected(
                      e.currentTarget.checked
                        ? (data?.items
                            .filter((r) => r.state !== 'upcoming')
                            .map((r) => r.registryPatientId) ?? [])
                        : [],
                    )
                  }
                />
              </Table.Th>
              <Table.Th>Patient</Table.Th>
              <Table.Th>Due</Table.Th>
              <Table.Th>Last contact</Table.Th>
              <Table.Th>Tumours</Table.Th>
              <Table.Th>Last letter</Table.Th>
              <Table.Th>Action</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data?.items.map((r) => (
              <Table.Tr key={r.registryPatientId}>
                <Table.Td>
                  <Checkbox
                    aria-label={`Select ${r.nameLast ?? r.patientIdNumber}`}
                    disabled={r.state === 'upcoming'}
                    checked={selected.includes(r.registryPatientId)}
                    onChange={(e) =>
                      setSelected((s) =>
                        e.currentTarget.checked
                          ? [...s, r.registryPatientId]
                          : s.filter((x) => x !== r.registryPatientId),
                      )
                    }
                  />
                </Table.Td>
                <Table.Td>
                  {r.nameLast}, {r.nameFirst}{' '}
                  <Text span size="xs" c="dimmed">
                    #{r.patientIdNumber}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {r.dueDate} <StatusBadge status={r.state} label={r.state} />
                </Table.Td>
                <Table.Td>{r.dateOfLastContact ?? 'never'}</Table.Td>
                <Table.Td>
                  {r.tumours.map((t) => (
                    <Anchor key={t.tumourId} component={Link} to={`/registry/tumours/${t.tumourId}`} mr="xs">
                      {t.primarySite ?? '?'} {t.dateOfDiagnosis.slice(0, 4)}
                    </Anchor>
                  ))}
                </Table.Td>
                <Table.Td>{r.lastLetterAt ? r.lastLetterAt.slice(0, 10) : '—'}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="default" onClick={() => setContact(r)}>
                    Record contact…
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {data && data.total > PAGE && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {data.total} patients
          </Text>
          <Pagination total={Math.ceil(data.total / PAGE)} value={page} onChange={setPage} />
        </Group>
      )}
      <ContactModal row={contact} onClose={() => setContact(null)} />
    </Stack>
  );
}
