import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { fieldErrors } from '../access/access.api.ts';
import {
  labelText,
  type RestrictionLabels,
  reasonProblem,
  useChangeRestriction,
  useRestrictionLabels,
} from './restrictions.api.ts';
import { StaffLinksSection } from './StaffLinksSection.tsx';

/**
 * "Restricted record": the privacy officer's and HIM's control (permission `patient:restrict`) to set and
 * remove patient-level labels (VIP, member of staff, confidential…), with the full history of changes.
 */
export function RestrictionPanel({ patientId }: { patientId: string }): ReactElement {
  const { data, error } = useRestrictionLabels(patientId);
  const [change, setChange] = useState<{ action: 'add' | 'remove'; label: string } | null>(null);
  if (error) return <Alert color="red">{error.message} Reload the page to try again.</Alert>;
  if (!data) return <Loader aria-label="Loading restrictions" />;
  const addable = data.available.filter((l) => !data.active.includes(l));
  return (
    <Stack>
      <Card withBorder aria-label="Restricted record">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Title order={4}>Restricted record</Title>
            {data.active.length === 0 ? (
              <Text size="sm" c="dimmed">
                Not restricted: anyone whose role allows it may open this chart.
              </Text>
            ) : (
              <Group gap="xs">
                {data.active.map((l) => (
                  <Badge key={l} color="red">
                    {labelText(l)}
                  </Badge>
                ))}
              </Group>
            )}
          </Stack>
          <Button
            size="xs"
            onClick={() => setChange({ action: 'add', label: '' })}
            disabled={!addable.length}
          >
            Restrict record…
          </Button>
        </Group>
        {data.active.length > 0 && (
          <Group gap="xs" mt="sm">
            {data.active.map((l) => (
              <Button
                key={l}
                size="xs"
                variant="subtle"
                color="red"
                onClick={() => setChange({ action: 'remove', label: l })}
              >
                Remove {labelText(l)}
              </Button>
            ))}
          </Group>
        )}
      </Card>
      <History rows={data.history} />
      <StaffLinksSection patientId={patientId} />
      <Modal
        opened={!!change}
        onClose={() => setChange(null)}
        title={change?.action === 'remove' ? 'Remove a restriction' : 'Restrict this record'}
      >
        {change && (
          <ChangeForm
            patientId={patientId}
            action={change.action}
            initialLabel={change.label}
            labels={change.action === 'add' ? addable : [change.label]}
            onDone={() => setChange(null)}
          />
        )}
      </Modal>
    </Stack>
  );
}

function ChangeForm(props: {
  patientId: string;
  action: 'add' | 'remove';
  initialLabel: string;
  labels: string[];
  onDone: () => void;
}): ReactElement {
  const change = useChangeRestriction(props.patientId);
  const [label, setLabel] = useState(props.initialLabel);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const server = fieldErrors(change.error);
  const reasonError = reasonProblem(reason, touched) ?? server.reason;
  const submit = () => {
    setTouched(true);
    if (!label || reason.trim().length < 5) return;
    change.mutate({ action: props.action, label, reason: reason.trim() }, { onSuccess: props.onDone });
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack>
        <Select
          label="Label"
          data={props.labels.map((l) => ({ value: l, label: labelText(l) }))}
          value={label || null}
          onChange={(v) => setLabel(v ?? '')}
          disabled={props.action === 'remove'}
          error={(touched && !label ? 'Choose a label.' : undefined) ?? server.label}
          required
          data-autofocus
        />
        <Textarea
          label="Reason"
          description="Kept in the record's restriction history and the audit trail."
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setTouched(true);
          }}
          error={reasonError}
          required
        />
        {change.error && !Object.keys(server).length && <Alert color="red">{change.error.message}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onDone}>
            Cancel
          </Button>
          <Button
            type="submit"
            color={props.action === 'remove' ? 'red' : undefined}
            loading={change.isPending}
          >
            {props.action === 'remove' ? 'Remove restriction' : 'Restrict record'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function History({ rows }: { rows: RestrictionLabels['history'] }): ReactElement {
  if (!rows.length)
    return (
      <Text size="sm" c="dimmed">
        No restriction has ever been set on this record.
      </Text>
    );
  return (
    <Table aria-label="Restriction history" striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Label</Table.Th>
          <Table.Th>Set</Table.Th>
          <Table.Th>Why</Table.Th>
          <Table.Th>Removed</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((h) => (
          <Table.Tr key={h.id}>
            <Table.Td>{labelText(h.label)}</Table.Td>
            <Table.Td>
              {new Date(h.setAt).toLocaleString()} · {h.setBy ?? 'system'}
            </Table.Td>
            <Table.Td>{h.reason ?? '—'}</Table.Td>
            <Table.Td>
              {h.removedAt
                ? `${new Date(h.removedAt).toLocaleString()} · ${h.removedBy ?? 'system'}: ${h.removedReason ?? ''}`
                : '—'}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
