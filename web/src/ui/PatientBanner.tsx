import { Badge, Group, Paper, Text } from '@mantine/core';
import type { ReactElement, ReactNode } from 'react';

/** What every banner shows; the face sheet adds merge, death and masked SSN, the chart its allergy badge. */
export interface BannerPatient {
  family: string;
  given: string;
  middle?: string | null;
  mrn: string;
  birthDate: string;
  sexAtBirth: string;
  /** Any restriction label is set (issue 23). */
  restricted: boolean;
  /** The nameable labels (vip, employee, confidential); the others show only as "Restricted record". */
  restrictions: readonly string[];
  status?: 'active' | 'merged';
  dateOfDeath?: string | null;
  ssnMasked?: string | null;
}

/** Names of the restriction labels a banner may show. */
export const RESTRICTION_LABEL_TEXT: Readonly<Record<string, string>> = {
  vip: 'VIP',
  employee: 'Member of staff',
  confidential: 'Confidential',
};
/** How a restriction label is named on screen. */
export const restrictionText = (l: string): string => RESTRICTION_LABEL_TEXT[l] ?? l.replaceAll('_', ' ');

/**
 * Age in whole years on `on` (or months under two, as paediatric charts show it); from YYYY-MM-DD dates,
 * so no time zone can move a birthday.
 */
export function ageOn(birthDate: string, on: string): string {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = on.split('-').map(Number) as [number, number, number];
  const months = (oy - by) * 12 + (om - bm) - (od < bd ? 1 : 0);
  if (months < 0) return '';
  return months < 24 ? `${months} mo` : `${Math.floor(months / 12)} y`;
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The one patient banner, on the face sheet and every chart screen: whose record this is (name, MRN, date
 * of birth and age, sex at birth) and whether it is restricted, before anything else on the page. Two
 * identifiers (name and date of birth) are the Joint Commission's NPSG.01.01.01 minimum; the MRN is the
 * third. The family name is in capitals so it cannot be read as a given name.
 */
export function PatientBanner(props: {
  patient: BannerPatient;
  /** Badges a screen adds at the right (the chart's allergy status). */
  aside?: ReactNode;
  /** Stays under the app header while the page scrolls (the chart), so whose record it is stays in view. */
  sticky?: boolean;
  /** The date ages are counted to; today unless given (tests). */
  today?: string;
}): ReactElement {
  const p = props.patient;
  const age = ageOn(p.birthDate, p.dateOfDeath ?? props.today ?? today());
  return (
    <Paper
      withBorder
      p="sm"
      component="section"
      aria-label="Patient banner"
      data-testid="patient-banner"
      {...(props.sticky && {
        pos: 'sticky',
        top: 'var(--app-shell-header-offset, 56px)',
        style: { zIndex: 3 },
      })}
    >
      <Group justify="space-between" wrap="wrap">
        <Group gap="lg">
          <Text fw={700} size="lg" data-testid="banner-name">
            {p.family.toUpperCase()}, {p.given}
            {p.middle ? ` ${p.middle}` : ''}
          </Text>
          <Text size="sm">
            MRN <b>{p.mrn}</b>
          </Text>
          <Text size="sm">
            DOB <b>{p.birthDate}</b>
            {age ? ` (${age})` : ''}
          </Text>
          <Text size="sm">Sex at birth {p.sexAtBirth}</Text>
          {p.ssnMasked && <Text size="sm">SSN {p.ssnMasked}</Text>}
        </Group>
        <Group gap="xs">
          {p.status === 'merged' && <Badge color="orange">Merged into another record</Badge>}
          {p.restrictions.map((l) => (
            <Badge key={l} color="red" variant="filled" data-testid="restriction-badge">
              {restrictionText(l)}
            </Badge>
          ))}
          {p.restricted && p.restrictions.length === 0 && (
            <Badge color="red" variant="filled" data-testid="restriction-badge">
              Restricted record
            </Badge>
          )}
          {p.dateOfDeath && <Badge color="dark">Deceased {p.dateOfDeath}</Badge>}
          {props.aside}
        </Group>
      </Group>
    </Paper>
  );
}
