import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { fieldErrors } from '../access/access.api.ts';
import {
  reasonProblem,
  type StaffLinks,
  useLinkStaff,
  useStaffLinks,
  useUnlinkStaff,
} from './restrictions.api.ts';
import { StaffPicker } from './StaffPicker.tsx';

/**
 * Members of staff linked to this record: their own ("self": the record becomes employee-restricted) or a
 * family member's. Privacy monitoring reads these links (rules 2 and 3, docs/privacy-monitoring.md).
 */
export function StaffLinksSection({ patientId }: { patientId: string }): ReactElement {
  const { data = [] } = useStaffLinks(patientId);
  const [linking, setLinking] = useState(false);
  const [ending, setEnding] = useState<StaffLinks[number] | null>(null);
  return (
    <Card withBorder aria-label="Staff links">
      <Group justify="space-between">
        <Title order={4}>Members of staff linked to this record</Title>
        <Button size="xs" variant="light" onClick={() => setLinking(true)}>
          Link a member of staff…
        </Button>
      </Group>
      {data.length === 0 ? (
        <Text size="sm" c="dimmed" mt="xs">
          No member of staff is linked to this record.
        </Text>
      ) : (
        <Table mt="xs" aria-label="Linked staff">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Member of staff</Table.Th>
              <Table.Th>Link</Table.Th>
              <Table.Th>Why</Table.Th>
              <Table.Th>Since</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.map((l) => (
              <Table.Tr key={l.id}>
                <Table.Td>
                  {l.fullName} ({l.username})
                </Table.Td>
                <Table.Td>
                  <Badge variant="light">{l.kind === 'self' ? 'Own record' : 'Family'}</Badge>
                </Table.Td>
                <Table.Td>{l.reason}</Table.Td>
                <Table.Td>
                  {new Date(l.linkedAt).toLocaleDateString()} · {l.linkedBy}
                  {l.removedAt && (
                    <Text size="xs" c="dimmed">
                      ended {new Date(l.removedAt).toLocaleDateString()}: {l.removedReason}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {l.active && (
                    <Button size="xs" variant="subtle" color="red" onClick={() => setEnding(l)}>
                      End link
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={linking} onClose={() => setLinking(false)} title="Link a member of staff">
        {linking && <LinkForm patientId={patientId} onDone={() => setLinking(false)} />}
      </Modal>
      <Modal opened={!!ending} onClose={() => setEnding(null)} title="End a staff link">
        {ending && <EndForm patientId={patientId} link={ending} onDone={() => setEnding(null)} />}
      </Modal>
    </Card>
  );
}

function LinkForm({ patientId, onDone }: { patientId: string; onDone: () => void }): ReactElement {
  const [userId, setUserId] = useState('');
  const [kind, setKind] = useState<'self' | 'family'>('self');
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const link = useLinkStaff(patientId);
  const server = fieldErrors(link.error);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (!userId || reason.trim().length < 5) return;
        link.mutate({ userId, kind, reason: reason.trim() }, { onSuccess: onDone });
      }}
    >
      <Stack>
        <StaffPicker
          onChange={setUserId}
          error={
            (touched && !userId ? 'Choose a member of staff from the list.' : undefined) ?? server.userId
          }
          autoFocus
        />
        <SegmentedControl
          value={kind}
          onChange={(v) => setKind(v as 'self' | 'family')}
          data={[
            { value: 'self', label: 'Their own record' },
            { value: 'family', label: 'A family member' },
          ]}
        />
        {kind === 'self' && (
          <Text size="xs" c="dimmed">
            Their own record is restricted as a member of staff's record.
          </Text>
        )}
        <Textarea
          label="Reason"
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setTouched(true);
          }}
          error={reasonProblem(reason, touched) ?? server.reason}
        />
        {link.error && !Object.keys(server).length && <Alert color="red">{link.error.message}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={link.isPending}>
            Link
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EndForm(props: { patientId: string; link: StaffLinks[number]; onDone: () => void }): ReactElement {
  const unlink = useUnlinkStaff(props.patientId);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (reason.trim().length < 5) return;
        unlink.mutate({ linkId: props.link.id, reason: reason.trim() }, { onSuccess: props.onDone });
      }}
    >
      <Stack>
        <Text size="sm">
          {props.link.fullName} ({props.link.username}). The employee label, if any, stays until removed on
          its own.
        </Text>
        <Textarea
          label="Reason"
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setTouched(true);
          }}
          error={reasonProblem(reason, touched) ?? fieldErrors(unlink.error).reason}
          data-autofocus
        />
        {unlink.error && <Alert color="red">{unlink.error.message}</Alert>}
        <Group justify="flex-end">
          <Button type="submit" color="red" loading={unlink.isPending}>
            End link
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
