import { Anchor, Breadcrumbs, Group, Loader, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { type ReactElement, useState } from 'react';
import { CodeBadges } from './CodeBadges.tsx';
import { useCodeBrowse } from './coding.api.ts';

/** ICD-10-CM hierarchy: chapter → category → subcategory → code, with a breadcrumb back up. */
export function CodeBrowser({ date }: { date: string }): ReactElement {
  const [parent, setParent] = useState<string | null>(null);
  const { data, isLoading, error } = useCodeBrowse(parent, date);
  return (
    <Stack gap="xs">
      <Breadcrumbs separator="›">
        <Anchor component="button" size="sm" onClick={() => setParent(null)}>
          Chapters
        </Anchor>
        {data?.path.map((p) => (
          <Anchor key={p.id} component="button" size="sm" onClick={() => setParent(p.id)}>
            {p.label}
          </Anchor>
        ))}
      </Breadcrumbs>
      {isLoading && <Loader size="sm" aria-label="Loading hierarchy" />}
      {error && <Text c="red">{error.message}</Text>}
      <ScrollArea.Autosize mah={520}>
        {data?.nodes.map((n) => (
          <NavLink
            key={n.id}
            data-testid="browse-node"
            label={
              <Group justify="space-between" wrap="nowrap">
                <Text size="sm">
                  <Text span fw={700} ff="monospace">
                    {n.label}
                  </Text>{' '}
                  {n.description}
                </Text>
                {n.kind === 'code' && <CodeBadges billable={n.billable} />}
              </Group>
            }
            rightSection={n.hasChildren ? <IconChevronRight size={14} /> : null}
            onClick={() => n.hasChildren && setParent(n.id)}
          />
        ))}
        {data && data.nodes.length === 0 && <Text c="dimmed">No codes here in the loaded set.</Text>}
      </ScrollArea.Autosize>
    </Stack>
  );
}
