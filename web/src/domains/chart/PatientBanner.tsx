import { Alert, Badge, Card, Group, Skeleton, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { useBanner } from './chart.api.ts';

const ALLERGY: Record<string, { label: string; color: string }> = {
  not_asked: { label: 'Allergies not recorded', color: 'yellow' },
  no_known_allergies: { label: 'No known allergies', color: 'teal' },
  has_allergies: { label: 'Allergies recorded', color: 'red' },
};

/** Who this chart belongs to, on every chart screen: name, MRN, date of birth, allergy status. */
export function PatientBanner({ patientId }: { patientId: string }): ReactElement {
  const { data, error } = useBanner(patientId);
  if (error) return <Alert color="red">{error.message} Check the link or open the chart again.</Alert>;
  if (!data) return <Skeleton h={56} />;
  const a = ALLERGY[data.allergyStatus] ?? { label: '', color: 'gray' };
  return (
    <Card
      withBorder
      padding="sm"
      aria-label="Patient banner"
      component="section"
      // Stays under the app header while the chart scrolls, so whose record this is never leaves view.
      pos="sticky"
      top="var(--app-shell-header-offset, 56px)"
      style={{ zIndex: 3 }}
    >
      <Group justify="space-between">
        <Group gap="lg">
          <Text fw={700} size="lg" data-testid="banner-name">
            {data.familyName.toUpperCase()}, {data.givenName}
          </Text>
          <Text size="sm">
            MRN <b>{data.mrn}</b>
          </Text>
          <Text size="sm">
            DOB <b>{data.birthDate}</b>
          </Text>
          <Text size="sm">Sex {data.sexAtBirth}</Text>
        </Group>
        <Badge color={a.color} variant="light">
          {a.label}
        </Badge>
      </Group>
    </Card>
  );
}
