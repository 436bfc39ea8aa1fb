import { Badge, type BadgeProps } from '@mantine/core';
import type { ReactElement } from 'react';

/**
 * One colour per status word, for every work queue (claims, denials, authorizations, encounters, coding,
 * deficiencies, ROI, HL7 acknowledgements, jobs): green/teal settled well, blue/cyan in flight,
 * yellow/orange waiting on someone, red refused or overdue, grape escalated, gray inert. A word means the
 * same colour on every screen, so a biller and an HIM clerk read "denied" alike.
 */
export const STATUS_TONE: Readonly<Record<string, string>> = {
  // settled well
  paid: 'green',
  active: 'green',
  approved: 'green',
  accepted: 'teal',
  completed: 'teal',
  complete: 'teal',
  final: 'teal',
  done: 'teal',
  ready: 'teal',
  released: 'teal',
  resolved: 'teal',
  partially_approved: 'teal',
  closed_appropriate: 'teal',
  no_known_allergies: 'teal',
  AA: 'teal',
  // in flight
  scheduled: 'blue',
  submitted: 'blue',
  coded: 'blue',
  upcoming: 'blue',
  running: 'blue',
  resubmitted: 'blue',
  in_progress: 'blue',
  arrived: 'cyan',
  // waiting on someone
  pending: 'yellow',
  sent: 'yellow',
  under_review: 'yellow',
  partially_paid: 'yellow',
  not_asked: 'yellow',
  open: 'orange',
  scrubbed: 'orange',
  on_hold: 'orange',
  due: 'orange',
  delinquent: 'orange',
  AE: 'orange',
  // refused, failed, overdue
  denied: 'red',
  rejected: 'red',
  failed: 'red',
  lost: 'red',
  new: 'red',
  reminded: 'red',
  has_allergies: 'red',
  AR: 'red',
  // escalated
  appealed: 'grape',
  escalated: 'grape',
  closed_violation: 'grape',
  // inert
  draft: 'gray',
  uncoded: 'gray',
  'not-due': 'gray',
  inactive: 'gray',
  cancelled: 'gray',
  no_show: 'gray',
  written_off: 'gray',
  closed: 'dark',
  void: 'dark',
};

/** "partially_paid" → "Partially paid": the fallback when a screen has no label of its own. */
export const statusText = (status: string): string => {
  const words = status.replaceAll(/[_-]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** The colour of a status word (gray for one the map does not know). */
export const statusTone = (status: string): string => STATUS_TONE[status] ?? 'gray';

/** A status as a badge in its one colour; `label` when the screen words it its own way. */
export function StatusBadge({
  status,
  label,
  ...badge
}: { status: string; label?: string } & Omit<BadgeProps, 'color' | 'children'> & {
    'data-testid'?: string;
  }): ReactElement {
  return (
    <Badge color={statusTone(status)} variant="light" data-status={status} {...badge}>
      {label ?? statusText(status)}
    </Badge>
  );
}
