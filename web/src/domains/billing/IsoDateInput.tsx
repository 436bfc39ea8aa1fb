import { TextInput } from '@mantine/core';
import type { ReactElement } from 'react';

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The message for a typed date that is not YYYY-MM-DD (null when empty or well formed). */
export const isoDateError = (v: string): string | null =>
  v && !ISO_DATE.test(v) ? 'A date as YYYY-MM-DD.' : null;

/**
 * A date typed as YYYY-MM-DD (the API's form), checked as the user types: the shape error shows unless
 * the caller passes a more specific one (e.g. "ends before it starts").
 */
export function IsoDateInput(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | null;
  w?: number;
}): ReactElement {
  return (
    <TextInput
      label={props.label}
      placeholder="YYYY-MM-DD"
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      error={isoDateError(props.value) ?? props.error ?? null}
      w={props.w ?? 160}
    />
  );
}
