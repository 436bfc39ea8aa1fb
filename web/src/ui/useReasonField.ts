import { type ChangeEvent, useState } from 'react';

/**
 * A free-text reason that must say enough before the action it justifies can run (waive, extend, appeal,
 * mark in error: each one is kept in the audit trail, so an empty or one-word reason is refused). It
 * validates as the user types but stays quiet until they start, so an untouched form shows no error.
 * Spread `inputProps` on a Mantine TextInput or Textarea; gate the submit on `ok`.
 */
export function useReasonField(min: number, problem: string) {
  const [value, setValue] = useState('');
  const ok = value.trim().length >= min;
  return {
    value,
    ok,
    reset: () => setValue(''),
    inputProps: {
      value,
      onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setValue(e.currentTarget.value),
      error: value !== '' && !ok ? problem : undefined,
    },
  };
}
