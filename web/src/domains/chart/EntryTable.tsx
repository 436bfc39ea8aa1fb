import { ActionIcon, Badge, Group, Modal, Pagination, Table, Text, Tooltip } from '@mantine/core';
import { IconHistory, IconPencil, IconX } from '@tabler/icons-react';
import { type ReactElement, useState } from 'react';
import { type ChartEntry, PAGE_SIZE } from './chart.api.ts';
import { EnteredInError } from './EnteredInError.tsx';
import { CorrectEntryForm } from './EntryForm.tsx';
import { KIND_LABELS } from './entry-fields.ts';
import { entrySummary } from './entry-summary.ts';
import { VersionHistory } from './VersionHistory.tsx';

/** Flags a result outside its reference range (or flagged by the lab) so it stands out. */
export const isAbnormalEntry = (e: ChartEntry): boolean =>
  e.kind === 'result' && e.data.abnormalFlag !== undefined && e.data.abnormalFlag !== 'normal';

/** Final notes are corrected by addendum (a later issue); entries in error are frozen; NKA has no fields. */
const correctable = (e: ChartEntry): boolean =>
  !e.enteredInError && e.kind !== 'allergy_assertion' && !(e.kind === 'note' && e.data.status === 'final');

/** A paginated table of chart entries with version history and entered-in-error per row. */
export function EntryTable(props: {
  patientId: string;
  entries: ChartEntry[];
  total?: number;
  page?: number;
  onPage?: (p: number) => void;
  label: string;
  canWrite: boolean;
}): ReactElement {
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const [inError, setInError] = useState<{ id: string; version: number } | null>(null);
  const [correcting, setCorrecting] = useState<ChartEntry | null>(null);
  if (props.entries.length === 0) return <Text c="dimmed">Nothing recorded yet.</Text>;
  return (
    <>
      <Table striped highlightOnHover aria-label={props.label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Entry</Table.Th>
            <Table.Th>Details</Table.Th>
            <Table.Th>Recorded</Table.Th>
            <Table.Th aria-label="Actions" />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.entries.map((e) => {
            const s = entrySummary(e.kind, e.data);
            const abnormal = isAbnormalEntry(e);
            return (
              <Table.Tr
                key={e.id}
                bg={abnormal ? 'var(--mantine-color-red-light)' : undefined}
                data-abnormal={abnormal || undefined}
              >
                <Table.Td>
                  <Text size="sm">{KIND_LABELS[e.kind] ?? e.kind}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500} td={e.enteredInError ? 'line-through' : undefined}>
                    {s.title}
                  </Text>
                  {e.enteredInError && (
                    <Badge color="gray" size="sm">
                      entered in error: {e.enteredInErrorReason}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={6}>
                    <Text size="sm">{s.detail}</Text>
                    {abnormal && (
                      <Badge color="red" size="sm">
                        {String(e.data.abnormalFlag).replace('_', ' ')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {new Date(e.createdAt).toLocaleString()} · v{e.version}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Tooltip label="Version history">
                      <ActionIcon
                        variant="subtle"
                        aria-label={`Version history of ${s.title}`}
                        onClick={() => setHistoryOf(e.id)}
                      >
                        <IconHistory size={16} />
                      </ActionIcon>
                    </Tooltip>
                    {props.canWrite && correctable(e) && (
                      <Tooltip label="Correct">
                        <ActionIcon
                          variant="subtle"
                          aria-label={`Correct ${s.title}`}
                          onClick={() => setCorrecting(e)}
                        >
                          <IconPencil size={16} />
                        </ActionIcon>
                      </Tooltip>
                    )}
                    {props.canWrite && !e.enteredInError && (
                      <Tooltip label="Mark entered in error">
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`Mark ${s.title} entered in error`}
                          onClick={() => setInError({ id: e.id, version: e.version })}
                        >
                          <IconX size={16} />
                        </ActionIcon>
                      </Tooltip>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {props.total !== undefined && props.total > PAGE_SIZE && props.onPage && (
        <Pagination
          mt="sm"
          total={Math.ceil(props.total / PAGE_SIZE)}
          value={props.page ?? 1}
          onChange={props.onPage}
        />
      )}
      <Modal opened={correcting !== null} onClose={() => setCorrecting(null)} title="Correct entry" size="xl">
        {correcting && <CorrectEntryForm entry={correcting} onDone={() => setCorrecting(null)} />}
      </Modal>
      <VersionHistory kind="chart-entries" id={historyOf} onClose={() => setHistoryOf(null)} />
      <EnteredInError
        patientId={props.patientId}
        kind="chart-entries"
        target={inError}
        onClose={() => setInError(null)}
      />
    </>
  );
}
