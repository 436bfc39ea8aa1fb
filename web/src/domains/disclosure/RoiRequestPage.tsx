import {
  Alert,
  Badge,
  Button,
  Card,
  Divider,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { Link, useParams } from 'react-router';
import { can, useMe } from '../access/access.api.ts';
import { AuthorizationPanel } from './AuthorizationPanel.tsx';
import { DeliveryPanel } from './DeliveryPanel.tsx';
import {
  label,
  PURPOSES,
  REQUESTER_TYPES,
  type RequestView,
  useDeny,
  usePacket,
  useRelease,
  useRequest,
  useVerifyIdentity,
} from './disclosure.api.ts';
import { PacketPanel } from './PacketPanel.tsx';

function Summary({ r }: { r: RequestView }): ReactElement {
  return (
    <SimpleGrid cols={3}>
      <Text size="sm">
        <b>Requester:</b> {r.requesterName} ({label(REQUESTER_TYPES, r.requesterType)})<br />
        {r.requesterAddress}
      </Text>
      <Text size="sm">
        <b>Purpose:</b> {label(PURPOSES, r.purpose)}
        {r.purposeText ? ` — ${r.purposeText}` : ''}
        <br />
        <b>Asked for:</b> {r.scope.recordTypes.join(', ') || 'the whole record'} {r.scope.dateFrom ?? '…'} to{' '}
        {r.scope.dateTo ?? '…'}
      </Text>
      <Text size="sm">
        <b>Received</b> {r.receivedOn} · <b>due</b> {r.dueOn}
        <br />
        <Link to={`/roi/patients/${r.patientId}/accounting`}>Accounting of disclosures</Link>
      </Text>
    </SimpleGrid>
  );
}

function IdentityStep({ r }: { r: RequestView }): ReactElement {
  const verify = useVerifyIdentity(r.id);
  const [method, setMethod] = useState('');
  return (
    <Group align="end">
      <TextInput
        label="How was the requester's identity verified?"
        placeholder="e.g. photo ID checked at the desk; called back on the number on file"
        w={480}
        value={method}
        onChange={(e) => setMethod(e.currentTarget.value)}
        error={verify.error?.message}
      />
      <Button
        disabled={method.trim().length < 3}
        onClick={() => verify.mutate({ method, version: r.version })}
      >
        Record verification
      </Button>
    </Group>
  );
}

function ReleaseStep({ r }: { r: RequestView }): ReactElement {
  const release = useRelease(r.id);
  const deny = useDeny(r.id);
  const [reason, setReason] = useState('');
  return (
    <Stack>
      {(release.error ?? deny.error) && (
        <Alert color="red" title="Not released">
          {(release.error ?? deny.error)?.message}
        </Alert>
      )}
      <Group align="end">
        <Button
          color="teal"
          onClick={() => release.mutate({ version: r.version })}
          loading={release.isPending}
        >
          Release records
        </Button>
        <TextInput
          label="Or deny, with the written basis"
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          w={380}
        />
        <Button
          color="red"
          variant="light"
          disabled={reason.trim().length < 10}
          onClick={() => deny.mutate({ reason, version: r.version })}
        >
          Deny request
        </Button>
      </Group>
    </Stack>
  );
}

/** One request from intake to delivery: identity, authorization checklist, packet, review, release, delivery. */
export function RoiRequestPage(): ReactElement {
  const { id = '' } = useParams();
  const { data: me } = useMe();
  const { data: r, error, isLoading } = useRequest(id);
  const { data: p } = usePacket(id);
  if (isLoading) return <Loader aria-label="Loading the request" />;
  if (error || !r)
    return (
      <Alert color="red" title="Could not open the request">
        {error?.message ?? 'Not found.'} Go back to the queue and choose it again.
      </Alert>
    );
  const packet = p?.packet ?? null;
  const open = !['released', 'denied', 'cancelled'].includes(r.status);
  return (
    <Stack maw={1200}>
      <Group justify="space-between">
        <Title order={2}>Request {r.requestNo}</Title>
        <Badge size="lg" data-testid="request-status">
          {r.status}
        </Badge>
      </Group>
      <Summary r={r} />
      {r.overrideReason && <Alert color="orange">Privacy officer override: {r.overrideReason}</Alert>}
      <Divider />
      {r.status === 'received' && <IdentityStep r={r} />}
      {['verification', 'authorization-check', 'retrieval'].includes(r.status) && (
        <AuthorizationPanel request={r} canOverride={can(me, 'disclosure:override')} />
      )}
      {['retrieval', 'quality-review', 'released'].includes(r.status) && (
        <PacketPanel request={r} packet={packet} />
      )}
      {open && packet && ['retrieval', 'quality-review'].includes(r.status) && <ReleaseStep r={r} />}
      {r.status === 'released' && packet && <DeliveryPanel request={r} packet={packet} />}
      <Card withBorder>
        <Text fw={600} mb="xs">
          History
        </Text>
        <Timeline active={r.history.length} bulletSize={14}>
          {r.history.map((h) => (
            <Timeline.Item key={`${h.at}-${h.status}`} title={h.status}>
              <Text size="xs" c="dimmed">
                {h.at.slice(0, 16).replace('T', ' ')} · {h.actor ?? 'system'}
              </Text>
              {h.note && <Text size="sm">{h.note}</Text>}
            </Timeline.Item>
          ))}
        </Timeline>
      </Card>
    </Stack>
  );
}
