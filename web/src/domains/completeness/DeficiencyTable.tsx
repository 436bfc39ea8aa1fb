import { Anchor, Badge, Checkbox, Table, Text } from '@mantine/core';
import type { ReactElement, ReactNode } from 'react';
import { Link } from 'react-router';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import type { Deficiency } from './completeness.api.ts';

/** Deficiencies with patient, item, clinician, due date and aging; optional selection and row actions. */
export function DeficiencyTable({
  items,
  selected,
  onToggle,
  action,
  label,
}: {
  items: Deficiency[];
  selected?: Set<string>;
  onToggle?: (id: string) => void;
  action?: (d: Deficiency) => ReactNode;
  label: string;
}): ReactElement {
  if (items.length === 0) return <Text c="dimmed">Nothing here.</Text>;
  return (
    <Table striped highlightOnHover aria-label={label} fz="sm">
      <Table.Thead>
        <Table.Tr>
          {onToggle && <Table.Th w={40} />}
          <Table.Th>Patient</Table.Th>
          <Table.Th>Missing or faulty item</Table.Th>
          <Table.Th>Service</Table.Th>
          <Table.Th>Clinician</Table.Th>
          <Table.Th>Due</Table.Th>
          <Table.Th>Aging</Table.Th>
          {action && <Table.Th />}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((d) => (
          <Table.Tr key={d.id}>
            {onToggle && (
              <Table.Td>
                <Checkbox
                  aria-label={`Select ${d.description} for ${d.patientName}`}
                  checked={selected?.has(d.id) ?? false}
                  onChange={() => onToggle(d.id)}
                />
              </Table.Td>
            )}
            <Table.Td>
              {d.patientName}
              <Text size="xs" c="dimmed">
                MRN {d.mrn}
              </Text>
            </Table.Td>
            <Table.Td>
              <Anchor component={Link} to={`/completion/deficiencies/${d.id}`}>
                {d.description}
              </Anchor>
              {d.manual && (
                <Badge ml="xs" size="xs" variant="outline">
                  manual
                </Badge>
              )}
            </Table.Td>
            <Table.Td>{d.service ?? '—'}</Table.Td>
            <Table.Td>{d.responsibleName ?? 'Unassigned'}</Table.Td>
            <Table.Td>{new Date(d.dueAt).toLocaleDateString()}</Table.Td>
            <Table.Td miw={130}>
              {d.status === 'open' ? (
                <>
                  <StatusBadge status={d.stage} label={d.stage === 'not-due' ? 'not due' : d.stage} />
                  {d.daysOverdue > 0 && (
                    <Text size="xs" c="dimmed">
                      {d.daysOverdue} {d.daysOverdue === 1 ? 'day' : 'days'} overdue
                    </Text>
                  )}
                </>
              ) : (
                <Badge color="gray">{d.status}</Badge>
              )}
            </Table.Td>
            {action && <Table.Td>{action(d)}</Table.Td>}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
