import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { type ReactElement, useState } from 'react';
import { useNavigate } from 'react-router';
import { KeysetFooter, useKeysetPages } from '../../ui/Pager.tsx';
import { type SuspenseHit, useCasefind, useResolveHit, useSuspense } from './registry.api.ts';

const PAGE = 25;
const SOURCE: Record<SuspenseHit['sourceKind'], string> = {
  encounter_code: 'Coded encounter',
  problem: 'Problem list',
  pathology: 'Pathology report',
  hl7_oru: 'HL7 pathology result',
};

/** Asks for the reason a hit is not reportable, checked as the registrar types. */
function NotReportableModal(props: { hit: SuspenseHit | null; onClose: () => void }): ReactElement {
  const resolve = useResolveHit();
  const form = useForm({
    initialValues: { reason: '' },
    validateInputOnChange: true,
    validate: {
      reason: (v) => (v.trim().length < 3 ? 'Say why it is not reportable (at least 3 characters)' : null),
    },
  });
  return (
    <Modal opened={props.hit !== null} onClose={props.onClose} title="Not reportable">
      <form
        onSubmit={form.onSubmit(async (v) => {
          if (!props.hit) return;
          await resolve.mutateAsync({ id: props.hit.id, action: 'not-reportable', reason: v.reason });
          form.reset();
          props.onClose();
        })}
      >
        <Stack>
          <Textarea label="Reason" autoFocus {...form.getInputProps('reason')} />
          {resolve.error && <Alert color="red">{resolve.error.message}</Alert>}
          <Group justify="flex-end">
            <Button type="submit" loading={resolve.isPending}>
              Mark not reportable
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The registrar's suspense queue (issue 14 "Case finding"): hits to accept or set aside, a page at a time. */
export function SuspensePage(): ReactElement {
  const [status, setStatus] = useState('open');
  const pages = useKeysetPages();
  const { data, error } = useSuspense({ status, after: pages.after ?? undefined, limit: PAGE });
  const casefind = useCasefind();
  const resolve = useResolveHit();
  const navigate = useNavigate();
  const [rejecting, setRejecting] = useState<SuspenseHit | null>(null);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Case-finding queue</Title>
        <Button onClick={() => casefind.mutate()} loading={casefind.isPending}>
          Run case finding now
        </Button>
      </Group>
      {casefind.data && (
        <Alert color="teal" role="status">
          Screened {casefind.data.screened} sources: {casefind.data.hits} hits, {casefind.data.new} new in the
          queue.
        </Alert>
      )}
      {casefind.error && <Alert color="red">{casefind.error.message}</Alert>}
      <SegmentedControl
        aria-label="Status"
        value={status}
        onChange={(v) => {
          setStatus(v);
          pages.reset();
        }}
        data={[
          { value: 'open', label: 'Open' },
          { value: 'accepted', label: 'Accepted' },
          { value: 'not_reportable', label: 'Not reportable' },
          { value: 'merged', label: 'Merged' },
        ]}
      />
      {error && <Alert color="red">{error.message} Reload the page to try again.</Alert>}
      {resolve.error && <Alert color="red">{resolve.error.message}</Alert>}
      {data && data.items.length === 0 ? (
        <Text c="dimmed">No {status.replace('_', ' ')} hits. Run case finding to screen new sources.</Text>
      ) : (
        <Table striped aria-label="Suspense hits">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Found</Table.Th>
              <Table.Th>Source</Table.Th>
              <Table.Th>Reason</Table.Th>
              <Table.Th>Text</Table.Th>
              <Table.Th>Action</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data?.items.map((h) => (
              <Table.Tr key={h.id}>
                <Table.Td>{h.sourceDate ?? h.foundAt.slice(0, 10)}</Table.Td>
                <Table.Td>
                  <Badge variant="light">{SOURCE[h.sourceKind]}</Badge>
                </Table.Td>
                <Table.Td>
                  {h.reason}
                  {h.code ? ` (${h.code})` : ''}
                </Table.Td>
                <Table.Td maw={360}>
                  <Text size="sm" lineClamp={2}>
                    {h.excerpt ?? ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {h.status === 'open' ? (
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="xs"
                        onClick={async () => {
                          const done = await resolve.mutateAsync({ id: h.id, action: 'accept' });
                          if (done.tumourId) navigate(`/registry/tumours/${done.tumourId}`);
                        }}
                      >
                        Accept
                      </Button>
                      <Button size="xs" variant="default" onClick={() => setRejecting(h)}>
                        Not reportable…
                      </Button>
                    </Group>
                  ) : h.tumourId ? (
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => navigate(`/registry/tumours/${h.tumourId}`)}
                    >
                      Open abstract
                    </Button>
                  ) : (
                    <Text size="sm">{h.resolutionReason}</Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <KeysetFooter pages={pages} next={data?.next} size="xs" summary={data ? `${data.total} hits` : ''} />
      <NotReportableModal hit={rejecting} onClose={() => setRejecting(null)} />
    </Stack>
  );
}
