import { Alert, Button, Card, Checkbox, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { type Packet, type RequestView, useDeliver } from './disclosure.api.ts';

/** Sends the released packet: a secure link (shown once, with its one-time code) or a mailing record. */
export function DeliveryPanel({ request, packet }: { request: RequestView; packet: Packet }): ReactElement {
  const deliver = useDeliver(request.id);
  const [withCode, setWithCode] = useState(true);
  const sent = deliver.data;
  return (
    <Stack>
      <Title order={3}>Delivery</Title>
      {deliver.error && <Alert color="red">{deliver.error.message}</Alert>}
      <Group>
        <Checkbox
          label="Require a one-time code"
          checked={withCode}
          onChange={(e) => setWithCode(e.currentTarget.checked)}
        />
        <Button onClick={() => deliver.mutate({ method: 'secure-link', oneTimeCode: withCode })}>
          Create secure link
        </Button>
        <Button variant="default" onClick={() => deliver.mutate({ method: 'mail', oneTimeCode: false })}>
          Record as mailed
        </Button>
      </Group>
      {sent?.url && (
        <Card withBorder aria-label="Secure link">
          <Text fw={600}>
            Give the recipient this link{sent.code ? ', and the code separately (phone or letter)' : ''}:
          </Text>
          <Code block data-testid="secure-link-url">
            {sent.url}
          </Code>
          {sent.code && (
            <Text>
              One-time code: <Code data-testid="one-time-code">{sent.code}</Code>
            </Text>
          )}
          <Text size="sm" c="dimmed">
            Expires {sent.expiresAt?.slice(0, 10)}; {sent.maxDownloads} downloads allowed. The link is shown
            only now.
          </Text>
        </Card>
      )}
      {sent?.mailedTo && <Alert color="teal">Recorded as mailed to {sent.mailedTo}.</Alert>}
      {packet.deliveries.length > 0 && (
        <Table aria-label="Deliveries">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Sent</Table.Th>
              <Table.Th>How</Table.Th>
              <Table.Th>Downloads</Table.Th>
              <Table.Th>Expires / mailed to</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {packet.deliveries.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>{d.createdAt.slice(0, 10)}</Table.Td>
                <Table.Td>{d.method}</Table.Td>
                <Table.Td>
                  {d.method === 'secure-link' ? `${d.downloads} of ${d.maxDownloads}` : '—'}
                </Table.Td>
                <Table.Td>{d.expiresAt?.slice(0, 10) ?? d.mailedTo}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
