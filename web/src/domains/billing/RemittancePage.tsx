import { Alert, Anchor, Badge, Button, Card, FileInput, Stack, Table, Text, Title } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { Link } from 'react-router';
import { can, useMe } from '../access/access.api.ts';
import { money, type RemitTransaction, useImportRemit, useRemits, useWorklist } from './billing.api.ts';

function PostingResult({ t }: { t: RemitTransaction }): ReactElement {
  return (
    <Card withBorder padding="sm" data-testid="remit-result">
      <Stack gap={4}>
        <Text fw={600}>
          {t.payerName} · trace {t.traceNumber} · {t.method} {money(t.payment)}
          {t.paymentDate ? ` on ${t.paymentDate}` : ''}
          {t.duplicate && (
            <Badge ml="sm" color="gray">
              already imported: nothing posted again
            </Badge>
          )}
        </Text>
        {!t.duplicate && (
          <Text size="sm" data-testid="remit-posted">
            {t.posted} of {t.claims} claim(s) posted, {t.denied} denied · paid {money(t.paid)}, adjusted{' '}
            {money(t.adjusted)}, patient responsibility {money(t.patientResponsibility)}
            {t.providerAdjustments ? ` · provider adjustments ${money(t.providerAdjustments)}` : ''}
          </Text>
        )}
        {!t.duplicate && t.secondaryClaims + t.toPatient + t.forwarded > 0 && (
          <Text size="sm" data-testid="remit-cob">
            Patient responsibility: {t.secondaryClaims} secondary claim(s) built (scrub and send them from the
            claim queue), {t.toPatient} moved to the patient’s balance
            {t.forwarded ? `, ${t.forwarded} forwarded by the payer` : ''}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          Balances: claim payments {money(t.claimPayments)} − provider adjustments{' '}
          {money(t.providerAdjustments)} = payment {money(t.payment)}
        </Text>
        {t.unmatched.length > 0 && (
          <Text size="sm" c="orange">
            To the work list:{' '}
            {t.unmatched
              .map((u) => `${u.patientControlNumber} (${u.reason}${u.lines ? `, ${u.lines} line(s)` : ''})`)
              .join(', ')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** Remittance posting: import an 835, see what it posted (or why it was refused), and work what did not match. */
export function RemittancePage(): ReactElement {
  const { data: me } = useMe();
  const canWrite = can(me, 'billing:write');
  const [file, setFile] = useState<File | null>(null);
  const imp = useImportRemit();
  const remits = useRemits();
  const worklist = useWorklist();
  const send = async () => {
    if (!file) return;
    imp.mutate({ fileName: file.name, content: await file.text() });
  };
  return (
    <Stack maw={1300}>
      <Title order={2}>Remittance (835)</Title>
      {canWrite && (
        <Card withBorder>
          <Stack>
            <FileInput
              label="835 file"
              description="An X12 005010X221A1 remittance. It posts only if it balances; the same file never posts twice."
              placeholder="Choose a file"
              value={file}
              onChange={setFile}
              w={420}
              clearable
            />
            <Button w="fit-content" disabled={!file} loading={imp.isPending} onClick={() => void send()}>
              Import and post
            </Button>
            {imp.error && (
              <Alert color="red" title="Nothing was posted">
                {imp.error.message}
              </Alert>
            )}
            {imp.data?.transactions.map((t) => (
              <PostingResult key={`${t.controlNumber}-${t.traceNumber}`} t={t} />
            ))}
          </Stack>
        </Card>
      )}
      <Title order={4}>Work list</Title>
      {worklist.error && <Alert color="red">{worklist.error.message}</Alert>}
      {worklist.data?.items.length === 0 && <Text>Nothing to work: every remitted claim matched.</Text>}
      {worklist.data && worklist.data.items.length > 0 && (
        <Table striped aria-label="Remittance work list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Claim (CLP01)</Table.Th>
              <Table.Th>Why</Table.Th>
              <Table.Th>Payer</Table.Th>
              <Table.Th ta="right">Charge</Table.Th>
              <Table.Th ta="right">Paid</Table.Th>
              <Table.Th>Lines not matched</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {worklist.data.items.map((w) => (
              <Table.Tr key={w.id} data-testid="worklist-row">
                <Table.Td ff="monospace">
                  {w.claimId ? (
                    <Anchor component={Link} to={`/billing/claims/${w.claimId}`}>
                      {w.patientControlNumber}
                    </Anchor>
                  ) : (
                    w.patientControlNumber
                  )}
                </Table.Td>
                <Table.Td>{w.reason === 'claim_not_found' ? 'No such claim' : 'Lines not matched'}</Table.Td>
                <Table.Td>
                  {w.payerName} · {w.traceNumber}
                </Table.Td>
                <Table.Td ta="right">{money(w.charge)}</Table.Td>
                <Table.Td ta="right">{money(w.paid)}</Table.Td>
                <Table.Td>
                  {w.unmatchedLines
                    .map(
                      (l) =>
                        `${l.billedCode}${l.paidCode !== l.billedCode ? `→${l.paidCode}` : ''} ${money(l.paid)}`,
                    )
                    .join(', ') || '—'}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Title order={4}>Imported remittances</Title>
      {remits.data?.items.length === 0 && <Text>No 835 imported yet.</Text>}
      {remits.data && remits.data.items.length > 0 && (
        <Table striped aria-label="Remittances">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>File</Table.Th>
              <Table.Th>Payer</Table.Th>
              <Table.Th>Trace</Table.Th>
              <Table.Th ta="right">Payment</Table.Th>
              <Table.Th ta="right">Claims matched</Table.Th>
              <Table.Th>Imported</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {remits.data.items.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{r.fileName}</Table.Td>
                <Table.Td>{r.payerName}</Table.Td>
                <Table.Td ff="monospace">{r.traceNumber}</Table.Td>
                <Table.Td ta="right">{money(r.payment)}</Table.Td>
                <Table.Td ta="right">
                  {r.matched} / {r.claims}
                </Table.Td>
                <Table.Td>{new Date(r.importedAt).toLocaleString()}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
