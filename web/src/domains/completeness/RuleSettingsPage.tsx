import {
  Alert,
  Button,
  Card,
  Group,
  NumberInput,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { api } from '../../api/client.ts';

interface RuleSetting {
  id: string;
  description: string;
  enabled: boolean;
  params: Record<string, number>;
  paramHelp: Record<string, string>;
}
interface Settings {
  facilityKey: string;
  rules: RuleSetting[];
  aging: { reminderAfterDays: number; escalateAfterDays: number };
}

function useSettings(facility: string) {
  return useQuery({
    queryKey: ['completion-settings', facility],
    queryFn: () => api<Settings>(`/completion/settings?facility=${encodeURIComponent(facility)}`),
  });
}
function useSave(facility: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { path: string; json: unknown }) =>
      api<Settings>(`/completion/settings/${v.path}?facility=${encodeURIComponent(facility)}`, {
        method: 'PUT',
        json: v.json,
      }),
    onSuccess: (data) => qc.setQueryData(['completion-settings', facility], data),
  });
}

function RuleRow({ rule, save }: { rule: RuleSetting; save: ReturnType<typeof useSave> }): ReactElement {
  const [params, setParams] = useState(rule.params);
  const dirty = Object.entries(params).some(([k, v]) => rule.params[k] !== v);
  return (
    <Table.Tr>
      <Table.Td>
        <Switch
          aria-label={`Rule ${rule.description}`}
          checked={rule.enabled}
          onChange={(e) =>
            save.mutate({ path: `rules/${rule.id}`, json: { enabled: e.currentTarget.checked, params } })
          }
        />
      </Table.Td>
      <Table.Td>{rule.description}</Table.Td>
      <Table.Td>
        <Group gap="xs">
          {Object.entries(params).map(([k, v]) => (
            <NumberInput
              key={k}
              label={rule.paramHelp[k] ?? k}
              min={0}
              max={10000}
              value={v}
              onChange={(n) => setParams((p) => ({ ...p, [k]: typeof n === 'number' ? n : 0 }))}
              w={220}
            />
          ))}
          {dirty && (
            <Button
              size="xs"
              onClick={() =>
                save.mutate({ path: `rules/${rule.id}`, json: { enabled: rule.enabled, params } })
              }
            >
              Save
            </Button>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** Deficiency rules per facility (on/off and parameters) and the reminder and escalation days. */
export function RuleSettingsPage(): ReactElement {
  const [facility, setFacility] = useState('*');
  const { data, error } = useSettings(facility);
  const save = useSave(facility);
  const [aging, setAging] = useState<{ reminderAfterDays?: number; escalateAfterDays?: number }>({});
  const reminder = aging.reminderAfterDays ?? data?.aging.reminderAfterDays ?? 7;
  const escalate = aging.escalateAfterDays ?? data?.aging.escalateAfterDays ?? 14;
  const agingProblem = escalate < reminder ? 'Escalation must not come before the reminder.' : undefined;
  return (
    <Stack maw={1100}>
      <Title order={2}>Deficiency rules</Title>
      <TextInput
        label="Facility"
        description="* is the hospital-wide default; a facility code overrides it."
        value={facility}
        onChange={(e) => setFacility(e.currentTarget.value.trim() || '*')}
        w={260}
      />
      {(error || save.error) && <Alert color="red">{(error ?? save.error)?.message}</Alert>}
      <Card withBorder>
        <Group align="flex-end">
          <NumberInput
            label="Reminder after (days past due)"
            min={0}
            max={365}
            value={reminder}
            onChange={(n) => setAging((a) => ({ ...a, reminderAfterDays: Number(n) }))}
          />
          <NumberInput
            label="Escalate to the chief after (days)"
            min={0}
            max={365}
            value={escalate}
            error={agingProblem}
            onChange={(n) => setAging((a) => ({ ...a, escalateAfterDays: Number(n) }))}
          />
          <Button
            disabled={!!agingProblem}
            onClick={() =>
              save.mutate({
                path: 'aging',
                json: { reminderAfterDays: reminder, escalateAfterDays: escalate },
              })
            }
          >
            Save aging
          </Button>
        </Group>
      </Card>
      <Table aria-label="Deficiency rules" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>On</Table.Th>
            <Table.Th>Rule</Table.Th>
            <Table.Th>Parameters</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data?.rules.map((r) => (
            <RuleRow key={`${facility}-${r.id}-${r.enabled}`} rule={r} save={save} />
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed">
        Changes apply from the next analysis of each encounter (on its next change, or the nightly run).
      </Text>
    </Stack>
  );
}
