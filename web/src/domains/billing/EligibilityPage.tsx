import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  FileInput,
  Group,
  Pagination,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type ReactElement, useMemo, useState } from 'react';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { can, useMe } from '../access/access.api.ts';
import { usePatientSearch } from '../patients/patients.api.ts';
import { money } from './billing.api.ts';
import {
  ELIGIBILITY_PAGE,
  ELIGIBILITY_STATUS_LABEL,
  useEligibility,
  useImportEligibility,
  useRequestEligibility,
} from './eligibility.api.ts';
import { IsoDateInput, isoDateError } from './IsoDateInput.tsx';
import { StatusFilter } from './StatusFilter.tsx';

/** Asks payers (X12 270) about one patient by MRN, or every patient whose claims are not yet sent. */
function AskPayers(): ReactElement {
  const ask = useRequestEligibility();
  const [mrn, setMrn] = useState('');
  const [all, setAll] = useState(false);
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const search = usePatientSearch(!all && mrn.trim().length >= 3 ? { mrn: mrn.trim(), page: 1 } : null);
  const patient = search.data?.items.find((p) => p.mrn.toLowerCase() === mrn.trim().toLowerCase()) ?? null;
  const mrnError =
    !all && mrn.trim() && search.data && !patient ? 'No patient with this MRN. Check the number.' : null;
  const ready = (all || patient) && date && !isoDateError(date);
  const file = useMemo(
    () =>
      ask.data ? URL.createObjectURL(new Blob([ask.data.content], { type: 'application/edi-x12' })) : null,
    [ask.data],
  );
  return (
    <Card withBorder>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (ready)
            ask.mutate({ serviceDate: date, ...(all || !patient ? {} : { patientIds: [patient.id] }) });
        }}
      >
        <Stack gap="xs">
          <Title order={4}>Ask the payers (270)</Title>
          <Group align="flex-start">
            <TextInput
              label="Patient MRN"
              value={mrn}
              onChange={(e) => setMrn(e.currentTarget.value)}
              error={mrnError}
              disabled={all}
              description={patient ? `${patient.name ?? 'Patient'} · born ${patient.birthDate ?? '?'}` : ' '}
              w={240}
            />
            <IsoDateInput label="Date of service" value={date} onChange={setDate} />
          </Group>
          <Checkbox
            label="Every patient whose claims are not yet sent"
            checked={all}
            onChange={(e) => setAll(e.currentTarget.checked)}
          />
          <Button type="submit" w="fit-content" disabled={!ready} loading={ask.isPending}>
            Write the 270
          </Button>
          {ask.error && (
            <Alert color="red" title="No inquiry was written">
              {ask.error.message}
            </Alert>
          )}
          {ask.data && file && (
            <Text size="sm" data-testid="eligibility-written">
              {ask.data.requests.length} inquiry(ies) in interchange {ask.data.interchangeControlNumber}
              {ask.data.skipped.length > 0
                ? `; ${ask.data.skipped.length} patient(s) skipped (no coverage)`
                : ''}
              .{' '}
              <Anchor href={file} download={ask.data.fileName}>
                Download {ask.data.fileName}
              </Anchor>{' '}
              and send it to the payer or clearinghouse.
            </Text>
          )}
        </Stack>
      </form>
    </Card>
  );
}

/** Imports a payer's 271 and says what it matched. */
function ImportAnswers(): ReactElement {
  const imp = useImportEligibility();
  const [file, setFile] = useState<File | null>(null);
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={4}>Import the answers (271)</Title>
        <FileInput
          label="271 file"
          description="An X12 005010X279A1 response. Answers are matched to our inquiries by trace number."
          placeholder="Choose a file"
          value={file}
          onChange={setFile}
          w={420}
          clearable
        />
        <Button
          w="fit-content"
          disabled={!file}
          loading={imp.isPending}
          onClick={async () => file && imp.mutate({ fileName: file.name, content: await file.text() })}
        >
          Import the answers
        </Button>
        {imp.error && (
          <Alert color="red" title="Nothing was stored">
            {imp.error.message}
          </Alert>
        )}
        {imp.data && (
          <Text size="sm" data-testid="eligibility-imported">
            {imp.data.matched} inquiry(ies) answered from {imp.data.transactions} transaction(s)
            {imp.data.unmatched.length > 0
              ? `; not matched: ${imp.data.unmatched.map((u) => `${u.traceNumber ?? '—'} (${u.reason})`).join(', ')}`
              : ''}
            .
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** Eligibility (issue 13): 270 inquiries out, 271 answers in, and what each payer said. */
export function EligibilityPage(): ReactElement {
  const { data: me } = useMe();
  const [status, setStatus] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const list = useEligibility(status, page);
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / ELIGIBILITY_PAGE));
  return (
    <Stack maw={1300}>
      <Title order={2}>Eligibility</Title>
      {can(me, 'billing:write') && (
        <Group align="stretch" grow>
          <AskPayers />
          <ImportAnswers />
        </Group>
      )}
      <StatusFilter
        labels={ELIGIBILITY_STATUS_LABEL}
        value={status}
        onChange={setStatus}
        onPageReset={() => setPage(1)}
      />
      {list.error && <Alert color="red">{list.error.message}</Alert>}
      <Table striped aria-label="Eligibility inquiries">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Patient</Table.Th>
            <Table.Th>Payer</Table.Th>
            <Table.Th>Member id</Table.Th>
            <Table.Th>Date of service</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Plan</Table.Th>
            <Table.Th ta="right">Co-pay</Table.Th>
            <Table.Th ta="right">Coinsurance</Table.Th>
            <Table.Th ta="right">Deductible left</Table.Th>
            <Table.Th>Trace</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.items.map((e) => (
            <Table.Tr key={e.id} data-testid="eligibility-row">
              <Table.Td>
                {e.patientName} ({e.mrn})
              </Table.Td>
              <Table.Td>
                {e.payerName}{' '}
                <Text span size="xs" c="dimmed">
                  ({e.payerOrder})
                </Text>
              </Table.Td>
              <Table.Td ff="monospace">{e.memberId}</Table.Td>
              <Table.Td>{e.serviceDate}</Table.Td>
              <Table.Td>
                <StatusBadge status={e.status} label={ELIGIBILITY_STATUS_LABEL[e.status] ?? e.status} />
                {e.rejectReason && (
                  <Text size="xs" c="red">
                    {e.rejectReason}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{e.planName ?? '—'}</Table.Td>
              <Table.Td ta="right">{e.copay === null ? '—' : money(e.copay)}</Table.Td>
              <Table.Td ta="right">
                {e.coinsurancePercent === null ? '—' : `${e.coinsurancePercent} %`}
              </Table.Td>
              <Table.Td ta="right">
                {e.deductibleRemaining === null ? '—' : money(e.deductibleRemaining)}
              </Table.Td>
              <Table.Td ff="monospace">{e.traceNumber}</Table.Td>
            </Table.Tr>
          ))}
          {list.data?.items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={10}>
                <Text>No inquiries yet. Ask the payers above, then import their 271.</Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      {pages > 1 && (
        <Pagination total={pages} value={page} onChange={setPage} aria-label="Eligibility pages" />
      )}
      <Text size="xs" c="dimmed" data-testid="eligibility-total">
        {list.data?.total ?? 0} inquiry(ies)
      </Text>
    </Stack>
  );
}
