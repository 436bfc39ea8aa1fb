import { Group, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import type { ReactElement } from 'react';
import { CodeBadges } from './CodeBadges.tsx';
import type { CodeResult } from './coding.api.ts';

interface Props {
  items: CodeResult[];
  active: number;
  onPick: (index: number) => void;
}

/** Search results as a listbox: the active row follows the arrow keys of the search field. */
export function CodeResultList({ items, active, onPick }: Props): ReactElement {
  return (
    <Stack gap={4} role="listbox" aria-label="Search results" id="code-results">
      {items.map((item, i) => (
        <Paper
          key={item.code}
          withBorder
          p="xs"
          role="option"
          id={`code-option-${i}`}
          aria-selected={i === active}
          bg={i === active ? 'var(--mantine-color-default-hover)' : undefined}
          style={{ borderLeft: `4px solid ${i === active ? 'var(--mantine-color-teal-6)' : 'transparent'}` }}
          data-testid="code-result"
        >
          <UnstyledButton onClick={() => onPick(i)} w="100%">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <Text fw={700} ff="monospace" miw={90}>
                  {item.display}
                </Text>
                <Text size="sm">{item.description}</Text>
              </Group>
              <CodeBadges billable={item.billable} validOnDate={item.validOnDate} />
            </Group>
          </UnstyledButton>
          {item.billableChildren && item.billableChildren.length > 0 && (
            <Text size="xs" c="dimmed" mt={4} ml={98}>
              Billable codes under it:{' '}
              {item.billableChildren.map((c) => `${c.display} ${c.description}`).join(' · ')}
            </Text>
          )}
        </Paper>
      ))}
    </Stack>
  );
}
