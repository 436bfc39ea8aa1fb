import { Accordion, Anchor, Badge, Card, Group, ScrollArea, Stack, Text, Title } from '@mantine/core';
import type { ReactElement } from 'react';
import type { CodingScreen } from './coding.api.ts';

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '');

/**
 * What the coder codes from: the encounter, what the clinician stated, the notes (read in place) and
 * the documents (opened in a new tab), beside the code entry.
 */
export function ChartBesideCodes({ s }: { s: CodingScreen }): ReactElement {
  const e = s.encounter;
  return (
    <Stack gap="sm" data-testid="chart-beside-codes">
      <Card withBorder p="sm">
        <Text fw={700}>
          {s.patient.name}{' '}
          <Text span c="dimmed" size="sm">
            {s.patient.mrn} · {s.patient.sex} · {s.patient.ageYears} y ·{' '}
            {s.patient.payer ?? 'no coverage on file'}
          </Text>
        </Text>
        <Text size="sm">
          {e.class === 'inpatient' ? 'Inpatient stay' : 'Outpatient visit'} · {e.type} · {e.location}
        </Text>
        <Text size="sm" c="dimmed">
          {day(e.startsAt)}
          {e.dischargedAt ? ` – ${day(e.dischargedAt)}` : ''} · code set of {e.dateOfService}
          {e.provider ? ` · ${e.provider}` : ''}
        </Text>
        <Text size="sm">Reason: {e.reason}</Text>
      </Card>
      {s.stated.length > 0 && (
        <Card withBorder p="sm">
          <Title order={5}>Stated by the clinician</Title>
          {s.stated.map((x) => (
            <Text key={x.id} size="sm">
              {x.kind === 'diagnosis' ? 'Dx' : 'Px'}: {x.description}
              {x.code ? ` (${x.code})` : ''}
            </Text>
          ))}
        </Card>
      )}
      <Title order={5}>Notes ({s.notes.length})</Title>
      {s.notes.length === 0 && (
        <Text size="sm" c="dimmed">
          No notes on this encounter yet. Hold for a query if the documentation does not support a code.
        </Text>
      )}
      <ScrollArea.Autosize mah={420}>
        <Accordion multiple defaultValue={s.notes.slice(0, 1).map((n) => n.id)} variant="contained">
          {s.notes.map((n) => (
            <Accordion.Item key={n.id} value={n.id}>
              <Accordion.Control>
                <Group gap="xs">
                  <Text size="sm" fw={600}>
                    {n.title}
                  </Text>
                  <Badge size="xs" variant="light" color={n.status === 'final' ? 'teal' : 'yellow'}>
                    {n.status}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {n.noteType.replace(/_/g, ' ')} · {day(n.createdAt)}
                  </Text>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {n.text}
                </Text>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      </ScrollArea.Autosize>
      {s.documents.length > 0 && (
        <Stack gap={2}>
          <Title order={5}>Documents</Title>
          {s.documents.map((doc) => (
            <Anchor key={doc.id} href={`/api/documents/${doc.id}/content`} target="_blank" size="sm">
              {doc.title} · {doc.documentType.replace(/_/g, ' ')} · {doc.serviceDate}
            </Anchor>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
