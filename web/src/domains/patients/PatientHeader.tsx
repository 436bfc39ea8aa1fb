import { Badge, Group, Paper, Text, Title } from '@mantine/core';
import type { ReactElement } from 'react';
import type { Patient } from './patients.api.ts';
import { labelText } from './restrictions.api.ts';

/** The banner every patient screen starts with (face sheet, and the chart's tabs and pages). */
export function PatientHeader({ patient }: { patient: Patient }): ReactElement {
  return (
    <Paper withBorder p="md" data-testid="patient-header">
      <Group justify="space-between">
        <Title order={2}>
          {patient.family}, {patient.given}
          {patient.middle ? ` ${patient.middle}` : ''}
        </Title>
        <Group gap="xs">
          {patient.status === 'merged' && <Badge color="orange">Merged into another record</Badge>}
          {patient.restrictions.map((l) => (
            <Badge key={l} color="red" variant="filled" data-testid="restriction-badge">
              {labelText(l)}
            </Badge>
          ))}
          {patient.restricted && patient.restrictions.length === 0 && (
            <Badge color="red" variant="filled" data-testid="restriction-badge">
              Restricted record
            </Badge>
          )}
          {patient.dateOfDeath && <Badge color="dark">Deceased {patient.dateOfDeath}</Badge>}
        </Group>
      </Group>
      <Text c="dimmed">
        MRN {patient.mrn} · born {patient.birthDate} · sex at birth {patient.sexAtBirth}
        {patient.ssnMasked ? ` · SSN ${patient.ssnMasked}` : ''}
      </Text>
    </Paper>
  );
}
