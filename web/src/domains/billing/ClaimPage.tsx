import {
  Alert,
  Anchor,
  Button,
  Card,
  Code,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { Link, useParams } from 'react-router';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { can, useMe } from '../access/access.api.ts';
import { type ClaimDetail, money, STATUS_LABEL, use837Preview, useClaim, useScrub } from './billing.api.ts';
import { CobPanel } from './CobPanel.tsx';
import { FindingsPanel } from './FindingsPanel.tsx';

/** ICD-10 as the biller reads it (E11.9); the 837 and the claim keep it without the dot (E119). */
const dotted = (c: string) => (c.includes('.') || c.length <= 3 ? c : `${c.slice(0, 3)}.${c.slice(3)}`);

function Amounts({ c }: { c: ClaimDetail }): ReactElement {
  const cells: [string, number][] = [
    ['Charge', c.charge],
    ['Paid', c.paid],
    ['Adjusted', c.adjusted],
    ['Patient responsibility', c.patientResponsibility],
    ['Balance', c.balance],
  ];
  return (
    <SimpleGrid cols={{ base: 2, md: 5 }} aria-label="Claim amounts">
      {cells.map(([label, n]) => (
        <Card withBorder padding="sm" key={label}>
          <Text size="sm" c="dimmed">
            {label}
          </Text>
          <Text fz={22} fw={700} data-testid={`amount-${label.toLowerCase().replace(/ /g, '-')}`}>
            {money(n)}
          </Text>
        </Card>
      ))}
    </SimpleGrid>
  );
}

function Lines({ c }: { c: ClaimDetail }): ReactElement {
  return (
    <Table striped aria-label="Claim lines">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Line</Table.Th>
          <Table.Th>Code</Table.Th>
          <Table.Th>Units</Table.Th>
          <Table.Th>Date</Table.Th>
          <Table.Th>Diagnosis pointers</Table.Th>
          <Table.Th>{c.type === 'P' ? 'Place of service' : 'Revenue code'}</Table.Th>
          <Table.Th ta="right">Charge</Table.Th>
          <Table.Th ta="right">Paid</Table.Th>
          <Table.Th ta="right">Adjusted</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {c.lines.map((l) => (
          <Table.Tr key={l.lineNo}>
            <Table.Td>{l.lineNo}</Table.Td>
            <Table.Td ff="monospace">
              {l.code}
              {l.modifiers.length ? `-${l.modifiers.join('-')}` : ''}
            </Table.Td>
            <Table.Td>{l.units}</Table.Td>
            <Table.Td>{l.serviceDate}</Table.Td>
            <Table.Td data-testid={`pointers-${l.lineNo}`}>
              {l.diagnosisPointers
                .map((p) => `${p} (${dotted(c.diagnoses[p - 1]?.code ?? '?')})`)
                .join(', ') || '—'}
            </Table.Td>
            <Table.Td>{(c.type === 'P' ? l.placeOfService : l.revenueCode) ?? '—'}</Table.Td>
            <Table.Td ta="right">{money(l.charge)}</Table.Td>
            <Table.Td ta="right">{money(l.paid)}</Table.Td>
            <Table.Td ta="right">{money(l.adjusted)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function History({ c }: { c: ClaimDetail }): ReactElement {
  return (
    <Table aria-label="Claim history">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Version</Table.Th>
          <Table.Th>Action</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>By</Table.Th>
          <Table.Th>When</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {c.history.map((h) => (
          <Table.Tr key={h.version}>
            <Table.Td>{h.version}</Table.Td>
            <Table.Td>{h.action}</Table.Td>
            <Table.Td>{h.status}</Table.Td>
            <Table.Td>{h.changedBy}</Table.Td>
            <Table.Td>{new Date(h.changedAt).toLocaleString()}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The 837 this claim would be sent as, on request (nothing is stored or sent). */
function Preview({ c }: { c: ClaimDetail }): ReactElement {
  const [shown, setShown] = useState(false);
  const { data, error, isFetching } = use837Preview(c.id, shown);
  return (
    <Card withBorder>
      <Stack>
        <Group justify="space-between">
          <Title order={4}>837{c.type} preview</Title>
          <Button variant="default" size="xs" onClick={() => setShown((s) => !s)} loading={isFetching}>
            {shown ? 'Hide the 837' : 'Show the 837'}
          </Button>
        </Group>
        {shown && error && <Alert color="orange">{error.message}</Alert>}
        {shown && data && (
          <Code block data-testid="x12-preview">
            {data.x12.replace(/~\r?\n?/g, '~\n')}
          </Code>
        )}
      </Stack>
    </Card>
  );
}

/**
 * The CMS-1500 paper form of a professional claim (for payers that take paper), once it is scrubbed
 * clean; an institutional claim goes out as an 837I only.
 */
function PaperForm({ c }: { c: ClaimDetail }): ReactElement | null {
  if (c.type !== 'P') return null;
  const clean = c.status !== 'draft' && !c.findings.some((f) => f.severity === 'error');
  if (!clean) return null;
  return (
    <Button
      component="a"
      variant="default"
      href={`/api/billing/claims/${c.id}/cms1500.pdf`}
      target="_blank"
      rel="noopener"
      download={`cms1500-${c.patientControlNumber}.pdf`}
    >
      CMS-1500 (PDF)
    </Button>
  );
}

/** One claim: amounts, scrubber findings with their fixes, lines, the 837 preview and the history. */
export function ClaimPage(): ReactElement {
  const { id = '' } = useParams();
  const { data: me } = useMe();
  const canWrite = can(me, 'billing:write');
  const { data: c, error } = useClaim(id);
  const scrub = useScrub();
  if (error) return <Alert color="red">{error.message}</Alert>;
  if (!c) return <Text>Loading the claim…</Text>;
  return (
    <Stack maw={1300}>
      <Anchor component={Link} to="/billing/claims" size="sm">
        ← Claims
      </Anchor>
      <Group justify="space-between">
        <Group>
          <Title order={2} ff="monospace">
            {c.patientControlNumber}
          </Title>
          <StatusBadge
            status={c.status}
            label={STATUS_LABEL[c.status]}
            size="lg"
            data-testid="claim-status"
          />
        </Group>
        <Group>
          <PaperForm c={c} />
          {canWrite && ['draft', 'scrubbed', 'ready'].includes(c.status) && (
            <Button loading={scrub.isPending} onClick={() => scrub.mutate([c.id])}>
              Scrub again
            </Button>
          )}
        </Group>
      </Group>
      <Text size="sm">
        {c.type === 'P' ? 'Professional (837P)' : 'Institutional (837I)'} · {c.payerName} (
        {c.payerId ?? 'payer not in list'}, {c.payerOrder}) · service {c.serviceFrom}
        {c.serviceTo !== c.serviceFrom ? ` – ${c.serviceTo}` : ''} · version {c.version} ·{' '}
        <Anchor component={Link} to={`/patients/${c.patientId}`}>
          patient
        </Anchor>
        {c.priorAuthNumber ? ` · prior authorization ${c.priorAuthNumber}` : ''}
      </Text>
      {scrub.error && <Alert color="red">{scrub.error.message}</Alert>}
      <Amounts c={c} />
      <CobPanel c={c} />
      <FindingsPanel claim={c} canWrite={canWrite} />
      <Title order={4}>Diagnoses</Title>
      <Text size="sm" ff="monospace" data-testid="claim-diagnoses">
        {c.diagnoses
          .map((d, i) => `${i + 1}. ${dotted(d.code)}${d.poa ? ` (POA ${d.poa})` : ''}`)
          .join('   ')}
      </Text>
      <Title order={4}>Lines</Title>
      <Lines c={c} />
      <Preview c={c} />
      <Title order={4}>History</Title>
      <History c={c} />
    </Stack>
  );
}
