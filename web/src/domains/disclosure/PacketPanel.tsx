import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { type Packet, type RequestView, useBuildPacket, useReviewPacket } from './disclosure.api.ts';
import { PdfPreview } from './PdfPreview.tsx';

function Manifest({ packet }: { packet: Packet }): ReactElement {
  return (
    <Table aria-label="Packet contents" striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Date</Table.Th>
          <Table.Th>Item</Table.Th>
          <Table.Th>Type</Table.Th>
          <Table.Th>Page</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {packet.manifest.map((i) => (
          <Table.Tr key={i.id}>
            <Table.Td>{i.date}</Table.Td>
            <Table.Td>{i.title}</Table.Td>
            <Table.Td>{i.recordType}</Table.Td>
            <Table.Td>{i.firstPage}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** What was withheld and why: for the clerk only, never in the packet. */
function Withheld({ packet }: { packet: Packet }): ReactElement {
  if (packet.withheld.length === 0) return <Text size="sm">Nothing within the request was withheld.</Text>;
  return (
    <Card withBorder bg="var(--mantine-color-orange-light)">
      <Text fw={600}>Withheld from this packet ({packet.withheld.length})</Text>
      <Table aria-label="Withheld items">
        <Table.Tbody>
          {packet.withheld.map((w) => (
            <Table.Tr key={w.id}>
              <Table.Td>{w.date}</Table.Td>
              <Table.Td>{w.title}</Table.Td>
              <Table.Td>{w.reason}</Table.Td>
              <Table.Td>
                <Badge variant="outline">{w.rule}</Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function QaReview({ request, packet }: { request: RequestView; packet: Packet }): ReactElement {
  const review = useReviewPacket(request.id);
  const [note, setNote] = useState('');
  return (
    <Card withBorder aria-label="Quality review">
      <Text fw={600}>Quality review: {packet.qa.status}</Text>
      {review.error && (
        <Alert color="red" mt="xs">
          {review.error.message}
        </Alert>
      )}
      {packet.qa.status === 'pending' && (
        <Group align="end" mt="xs">
          <TextInput
            label="Review note"
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            w={360}
          />
          <Button color="teal" onClick={() => review.mutate({ decision: 'approve', note: note || null })}>
            Approve packet
          </Button>
          <Button color="red" variant="light" onClick={() => review.mutate({ decision: 'reject', note })}>
            Send back
          </Button>
        </Group>
      )}
      {packet.qa.note && <Text size="sm">Note: {packet.qa.note}</Text>}
    </Card>
  );
}

/** Packet builder: assemble from the chart, see what was withheld, preview the PDF, review. */
export function PacketPanel({
  request,
  packet,
}: {
  request: RequestView;
  packet: Packet | null;
}): ReactElement {
  const build = useBuildPacket(request.id);
  const [redact, setRedact] = useState('');
  const canBuild = request.status === 'retrieval' || request.status === 'quality-review';
  const pdfUrl = packet ? `/api/disclosure/requests/${request.id}/packet/pdf?build=${packet.buildNo}` : '';
  return (
    <Stack>
      <Title order={3}>Packet</Title>
      {build.error && (
        <Alert color="red" title="The packet was not built">
          {build.error.message}
        </Alert>
      )}
      {canBuild && (
        <Group align="end">
          <Textarea
            label="Text to redact (one per line)"
            description="Each phrase is covered by a black bar wherever it appears in the packet."
            autosize
            minRows={1}
            w={420}
            value={redact}
            onChange={(e) => setRedact(e.currentTarget.value)}
          />
          <Button
            loading={build.isPending}
            onClick={() => build.mutate({ redactions: redact.split('\n').filter((r) => r.trim()) })}
          >
            {packet ? 'Rebuild packet' : 'Build packet'}
          </Button>
        </Group>
      )}
      {packet && (
        <>
          <Text>
            Build {packet.buildNo}: {packet.manifest.length} item{packet.manifest.length === 1 ? '' : 's'},{' '}
            {packet.pageCount} pages, addressed to {packet.mailTo}. Fee ${packet.fees.total.toFixed(2)}.{' '}
            <Anchor href={pdfUrl} target="_blank">
              Open the PDF
            </Anchor>{' '}
            ·{' '}
            <Anchor href={`/api/disclosure/requests/${request.id}/invoice/pdf`} target="_blank">
              Invoice
            </Anchor>
          </Text>
          <Withheld packet={packet} />
          <Manifest packet={packet} />
          {packet.qa.status !== 'not-required' && <QaReview request={request} packet={packet} />}
          <PdfPreview src={pdfUrl} title="Packet preview" />
        </>
      )}
    </Stack>
  );
}
