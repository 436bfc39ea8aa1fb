import { Badge, Group } from '@mantine/core';
import type { ReactElement } from 'react';

/** Billable/header and valid-on-date badges, the same everywhere a code is shown. */
export function CodeBadges({
  billable,
  validOnDate,
}: {
  billable: boolean;
  validOnDate?: boolean;
}): ReactElement {
  return (
    <Group gap={4} wrap="nowrap">
      <Badge size="sm" variant="light" color={billable ? 'teal' : 'gray'}>
        {billable ? 'Billable' : 'Header'}
      </Badge>
      {validOnDate !== undefined && (
        <Badge size="sm" variant="outline" color={validOnDate ? 'blue' : 'red'}>
          {validOnDate ? 'Valid on date' : 'Not valid on date'}
        </Badge>
      )}
    </Group>
  );
}
