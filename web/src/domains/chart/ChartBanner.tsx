import { Alert, Skeleton } from '@mantine/core';
import type { ReactElement } from 'react';
import { PatientBanner } from '../../ui/PatientBanner.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { type Banner, useBanner } from './chart.api.ts';

const ALLERGY: Record<Banner['allergyStatus'], string> = {
  not_asked: 'Allergies not recorded',
  no_known_allergies: 'No known allergies',
  has_allergies: 'Allergies recorded',
};

/** The patient banner on chart screens (its own audited read), with the allergy status beside it. */
export function ChartBanner({ patientId }: { patientId: string }): ReactElement {
  const { data, error } = useBanner(patientId);
  if (error) return <Alert color="red">{error.message} Check the link or open the chart again.</Alert>;
  if (!data) return <Skeleton h={56} />;
  return (
    <PatientBanner
      sticky
      patient={{ ...data, family: data.familyName, given: data.givenName }}
      aside={<StatusBadge status={data.allergyStatus} label={ALLERGY[data.allergyStatus]} />}
    />
  );
}
