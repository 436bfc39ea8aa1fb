import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import type { Finding } from './coding.api.ts';

interface Props {
  title: string;
  findings: Finding[];
  loading?: boolean;
  /** Applies an edit's suggested code in place of the code it flagged. */
  onUse?: (from: string, to: string) => void;
}

/** Coding edit findings, errors first: what a payer would reject and what to do about it. */
export function EditFindings({ title, findings, loading, onUse }: Props): ReactElement {
  const errors = findings.filter((f) => f.severity === 'error').length;
  return (
    <Stack gap="xs" data-testid="edit-findings" aria-live="polite">
      <Group gap="xs">
        <Text fw={600}>{title}</Text>
        <Badge color={errors ? 'red' : 'teal'} variant="light">
          {errors ? `${errors} error${errors === 1 ? '' : 's'}` : 'No errors'}
        </Badge>
        {findings.length > errors && (
          <Badge color="yellow" variant="light">
            {findings.length - errors} warning{findings.length - errors === 1 ? '' : 's'}
          </Badge>
        )}
        {loading && (
          <Text size="xs" c="dimmed">
            checking…
          </Text>
        )}
      </Group>
      {findings.map((f) => (
        <Alert
          key={`${f.edit}-${f.codes.join()}`}
          color={f.severity === 'error' ? 'red' : 'yellow'}
          p="xs"
          title={`${f.edit} · ${f.codes.join(', ')}`}
          data-testid="edit-finding"
        >
          <Text size="sm">{f.message}</Text>
          {onUse && f.suggestions && f.suggestions.length > 0 && f.codes[0] && (
            <Group gap={4} mt={4}>
              {f.suggestions.map((s) => (
                <Button key={s} size="compact-xs" variant="light" onClick={() => onUse(f.codes[0]!, s)}>
                  Use {s}
                </Button>
              ))}
            </Group>
          )}
        </Alert>
      ))}
    </Stack>
  );
}
