import { Autocomplete } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type ReactElement, useState } from 'react';
import { useStaffDirectory } from './restrictions.api.ts';

/**
 * Finds a member of staff by name or username (GET /api/patients/staff-directory) and reports the chosen
 * user's id, or '' while the text matches no one on the list. Used to link staff to a record and at
 * registration ("this patient is a member of staff", issue 23).
 */
export function StaffPicker(props: {
  onChange: (userId: string) => void;
  error?: string;
  autoFocus?: boolean;
}): ReactElement {
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const { data: people = [] } = useStaffDirectory(debounced);
  const options = people.map((p) => ({ value: p.id, label: `${p.fullName} (${p.username})` }));
  return (
    <Autocomplete
      label="Member of staff"
      description="Type two or more letters of their name or username, then choose from the list."
      data={options.map((o) => o.label)}
      value={q}
      onChange={(v) => {
        setQ(v);
        props.onChange(options.find((o) => o.label === v)?.value ?? '');
      }}
      error={props.error}
      data-autofocus={props.autoFocus || undefined}
    />
  );
}
