import {
  Alert,
  Button,
  Group,
  NumberInput,
  Pagination,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, type ReactElement, useState } from 'react';
import { type QueueFilter, useDeficiencyQueue, useReassign } from './completeness.api.ts';
import { DeficiencyTable } from './DeficiencyTable.tsx';
import { ManualDeficiencyForm } from './ManualDeficiencyForm.tsx';

const PAGE = 25;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const RULE_OPTIONS = [
  { value: 'discharge-summary', label: 'Discharge summary' },
  { value: 'history-and-physical', label: 'History and physical' },
  { value: 'operative-report', label: 'Operative report' },
  { value: 'unsigned-note', label: 'Unsigned note' },
  { value: 'verbal-order', label: 'Verbal order' },
  { value: 'result-ordering-provider', label: 'Result without ordering provider' },
  { value: 'encounter-diagnosis', label: 'No diagnosis' },
  { value: 'procedure-consent', label: 'Consent missing' },
  { value: 'resident-cosign', label: 'Co-signature' },
  { value: 'manual', label: 'Opened by hand' },
];

/** The HIM deficiency queue: filter by clinician, service, type and age; select rows to reassign. */
export function DeficiencyQueuePage(): ReactElement {
  const [draft, setDraft] = useState<QueueFilter>({});
  const [filter, setFilter] = useState<QueueFilter>({});
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [target, setTarget] = useState('');
  const [manual, setManual] = useState(false);
  const { data, error, isFetching } = useDeficiencyQueue(filter, (page - 1) * PAGE, PAGE);
  const reassign = useReassign();
  const clinicianProblem =
    draft.responsibleId && !UUID.test(draft.responsibleId) ? 'Paste the clinician user id.' : undefined;
  const targetProblem = target && !UUID.test(target) ? 'Paste the user id of the new clinician.' : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (clinicianProblem) return;
    setFilter(draft);
    setPage(1);
    setSelected(new Set());
  };
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Deficiency queue</Title>
        <Button variant="default" onClick={() => setManual((m) => !m)}>
          {manual ? 'Close' : 'Open a deficiency by hand'}
        </Button>
      </Group>
      {manual && <ManualDeficiencyForm />}
      <Group component="form" onSubmit={submit} align="flex-end" aria-label="Queue filters">
        <Select
          label="Type"
          data={RULE_OPTIONS}
          value={draft.ruleId ?? null}
          onChange={(v) => setDraft((d) => ({ ...d, ruleId: v ?? undefined }))}
          clearable
          w={230}
        />
        <TextInput
          label="Service"
          placeholder="e.g. medicine"
          value={draft.service ?? ''}
          onChange={(e) => setDraft((d) => ({ ...d, service: e.currentTarget.value }))}
        />
        <TextInput
          label="Clinician id"
          value={draft.responsibleId ?? ''}
          onChange={(e) => setDraft((d) => ({ ...d, responsibleId: e.currentTarget.value.trim() }))}
          error={clinicianProblem}
          w={320}
        />
        <NumberInput
          label="At least days overdue"
          min={0}
          value={draft.minDaysOverdue ?? ''}
          onChange={(v) => setDraft((d) => ({ ...d, minDaysOverdue: typeof v === 'number' ? v : undefined }))}
          w={170}
        />
        <Button type="submit" loading={isFetching}>
          Filter
        </Button>
      </Group>
      {error && <Alert color="red">{error.message}</Alert>}
      {data && (
        <Text size="sm" c="dimmed" data-testid="queue-total">
          {data.total.toLocaleString()}
          {data.totalCapped ? '+' : ''} deficiencies
        </Text>
      )}
      {selected.size > 0 && (
        <Group align="flex-end" aria-label="Bulk reassign">
          <TextInput
            label={`Reassign ${selected.size} selected to (user id)`}
            value={target}
            onChange={(e) => setTarget(e.currentTarget.value.trim())}
            error={targetProblem}
            w={360}
          />
          <Button
            disabled={!target || !!targetProblem}
            loading={reassign.isPending}
            onClick={() =>
              reassign.mutate(
                { ids: [...selected], responsibleUserId: target },
                { onSuccess: () => setSelected(new Set()) },
              )
            }
          >
            Reassign
          </Button>
          {reassign.error && <Alert color="red">{reassign.error.message}</Alert>}
        </Group>
      )}
      <DeficiencyTable label="Deficiencies" items={data?.items ?? []} selected={selected} onToggle={toggle} />
      {data && data.total > PAGE && (
        <Pagination total={Math.ceil(data.total / PAGE)} value={page} onChange={setPage} />
      )}
    </Stack>
  );
}
