import { Select } from '@mantine/core';
import type { ReactElement } from 'react';

/**
 * The status filter of the billing work lists (eligibility, prior authorizations): any status or one of
 * `labels`; choosing one starts the list again at page 1 so the biller never lands on an empty page.
 */
export function StatusFilter(props: {
  labels: Record<string, string>;
  value: string | null;
  onChange: (status: string | null) => void;
  onPageReset: () => void;
}): ReactElement {
  return (
    <Select
      label="Status"
      placeholder="Any"
      value={props.value}
      onChange={(v) => {
        props.onChange(v);
        props.onPageReset();
      }}
      data={Object.entries(props.labels).map(([value, label]) => ({ value, label }))}
      clearable
      w={220}
    />
  );
}
