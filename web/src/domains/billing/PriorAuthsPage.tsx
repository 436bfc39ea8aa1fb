import {
  Alert,
  Button,
  Card,
  Group,
  NumberInput,
  Pagination,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { can, useMe } from '../access/access.api.ts';
import { usePatientSearch } from '../patients/patients.api.ts';
import {
  PRIOR_AUTH_PAGE,
  PRIOR_AUTH_STATUS_LABEL,
  type PriorAuth,
  type PriorAuthStatus,
  useChangePriorAuth,
  useCreatePriorAuth,
  usePayers,
  usePriorAuths,
} from './denials.api.ts';
import { IsoDateInput, isoDateError } from './IsoDateInput.tsx';
import { StatusFilter } from './StatusFilter.tsx';

const CODE = /^[A-Z0-9]{4,7}$/;

const codesOf = (s: string): string[] =>
  s
    .split(/[\s,]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);

/** Records a prior-authorization request: patient by MRN, payer, codes, validity, status and number. */
function NewPriorAuth(): ReactElement {
  const payers = usePayers();
  const create = useCreatePriorAuth();
  const [mrn, setMrn] = useState('');
  const [payerId, setPayerId] = useState<string | null>(null);
  const [codes, setCodes] = useState('');
  const [units, setUnits] = useState<number | string>('');
  const [validFrom, setValidFrom] = useState('');
  const [validTo, setValidTo] = useState('');
  const [status, setStatus] = useState<PriorAuthStatus>('pending');
  const [number, setNumber] = useState('');
  const search = usePatientSearch(mrn.trim().length >= 3 ? { mrn: mrn.trim(), page: 1 } : null);
  const patient = search.data?.items.find((p) => p.mrn.toLowerCase() === mrn.trim().toLowerCase()) ?? null;
  const codeList = codesOf(codes);
  const payer = payers.data?.items.find((p) => p.payerId === payerId);
  const errors = {
    mrn: mrn.trim() && search.data && !patient ? 'No patient with this MRN. Check the number.' : null,
    codes: codeList.some((c) => !CODE.test(c))
      ? 'Codes are CPT/HCPCS (4–7 letters or digits), comma separated.'
      : null,
    validFrom: isoDateError(validFrom),
    validTo:
      isoDateError(validTo) ??
      (validTo && validFrom && validTo < validFrom ? 'Ends before it starts.' : null),
    number:
      (status === 'approved' || status === 'partially_approved') && !number.trim()
        ? 'An approved authorization needs the payer’s number (sent as REF*G1).'
        : null,
  };
  const ready =
    patient &&
    payerId &&
    codeList.length > 0 &&
    validFrom &&
    validTo &&
    Object.values(errors).every((e) => e === null);
  const submit = () => {
    if (!ready || !patient || !payerId) return;
    create.mutate(
      {
        patientId: patient.id,
        payerId,
        codes: codeList,
        unitsApproved: units === '' ? null : Number(units),
        validFrom,
        validTo,
        status,
        authorizationNumber: number.trim() || null,
        note: null,
      },
      {
        onSuccess: () => {
          setCodes('');
          setNumber('');
          setUnits('');
        },
      },
    );
  };
  return (
    <Card withBorder>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="xs">
          <Title order={4}>Record a prior authorization</Title>
          <Group align="flex-start">
            <TextInput
              label="Patient MRN"
              value={mrn}
              onChange={(e) => setMrn(e.currentTarget.value)}
              error={errors.mrn}
              description={patient ? `${patient.name ?? 'Patient'} · born ${patient.birthDate ?? '?'}` : ' '}
              w={220}
            />
            <Select
              label="Payer"
              placeholder="Choose the payer"
              value={payerId}
              onChange={setPayerId}
              data={(payers.data?.items ?? []).map((p) => ({
                value: p.payerId,
                label: `${p.name} (${p.payerId})`,
              }))}
              description={
                payer?.priorAuthCodes.length ? `Requires one for ${payer.priorAuthCodes.join(', ')}` : ' '
              }
              searchable
              w={280}
            />
            <TextInput
              label="Codes"
              placeholder="71046, 20610"
              value={codes}
              onChange={(e) => setCodes(e.currentTarget.value)}
              error={errors.codes}
              description=" "
              w={200}
            />
            <NumberInput
              label="Units approved"
              value={units}
              onChange={setUnits}
              min={1}
              description=" "
              w={140}
            />
          </Group>
          <Group align="flex-start">
            <IsoDateInput label="Valid from" value={validFrom} onChange={setValidFrom} />
            <IsoDateInput label="Valid to" value={validTo} onChange={setValidTo} error={errors.validTo} />
            <Select
              label="Status"
              value={status}
              onChange={(v) => setStatus((v as PriorAuthStatus | null) ?? 'pending')}
              data={Object.entries(PRIOR_AUTH_STATUS_LABEL).map(([value, label]) => ({ value, label }))}
              allowDeselect={false}
              w={200}
            />
            <TextInput
              label="Authorization number"
              value={number}
              onChange={(e) => setNumber(e.currentTarget.value)}
              error={errors.number}
              w={220}
            />
          </Group>
          <Button type="submit" w="fit-content" disabled={!ready} loading={create.isPending}>
            Record the authorization
          </Button>
          {create.error && (
            <Alert color="red" title="Nothing was recorded">
              {create.error.message}
            </Alert>
          )}
        </Stack>
      </form>
    </Card>
  );
}

function ApproveButton({ a }: { a: PriorAuth }): ReactElement | null {
  const change = useChangePriorAuth(a.id);
  if (a.status !== 'pending' || !a.authorizationNumber) return null;
  return (
    <Button
      size="xs"
      variant="light"
      onClick={() => change.mutate({ version: a.version, status: 'approved' })}
    >
      Mark approved
    </Button>
  );
}

/** Prior authorizations (issue 13): who has one for what, until when, units left; record new ones. */
export function PriorAuthsPage(): ReactElement {
  const { data: me } = useMe();
  const [status, setStatus] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const list = usePriorAuths(status, page);
  return (
    <Stack maw={1300}>
      <Title order={2}>Prior authorizations</Title>
      {can(me, 'billing:write') && <NewPriorAuth />}
      <StatusFilter
        labels={PRIOR_AUTH_STATUS_LABEL}
        value={status}
        onChange={setStatus}
        onPageReset={() => setPage(1)}
      />
      {list.error && <Alert color="red">{list.error.message}</Alert>}
      <Table striped aria-label="Prior authorizations">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Patient</Table.Th>
            <Table.Th>Payer</Table.Th>
            <Table.Th>Codes</Table.Th>
            <Table.Th>Valid</Table.Th>
            <Table.Th ta="right">Units used / approved</Table.Th>
            <Table.Th>Number</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.items.map((a) => (
            <Table.Tr key={a.id} data-testid="prior-auth-row">
              <Table.Td>
                {a.patientName} ({a.mrn})
              </Table.Td>
              <Table.Td>{a.payerName}</Table.Td>
              <Table.Td ff="monospace">{a.codes.join(', ')}</Table.Td>
              <Table.Td>
                {a.validFrom} – {a.validTo}
              </Table.Td>
              <Table.Td ta="right">
                {a.unitsUsed} / {a.unitsApproved ?? '—'}
              </Table.Td>
              <Table.Td ff="monospace">{a.authorizationNumber ?? '—'}</Table.Td>
              <Table.Td>
                <StatusBadge status={a.status} label={PRIOR_AUTH_STATUS_LABEL[a.status]} />
              </Table.Td>
              <Table.Td>{can(me, 'billing:write') && <ApproveButton a={a} />}</Table.Td>
            </Table.Tr>
          ))}
          {list.data?.items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={8}>
                <Text>No prior authorizations yet. Record one above when the payer answers.</Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      {list.data && (page > 1 || list.data.hasMore) && (
        <Pagination
          total={list.data.hasMore ? page + 1 : page}
          value={page}
          onChange={setPage}
          aria-label="Prior authorization pages"
        />
      )}
      <Text size="xs" c="dimmed">
        {PRIOR_AUTH_PAGE} per page. The scrubber warns when a claim needs an authorization it does not carry.
      </Text>
    </Stack>
  );
}
