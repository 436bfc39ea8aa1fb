import {
  Alert,
  Card,
  Group,
  Loader,
  Pagination,
  SegmentedControl,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { type KeyboardEvent, type ReactElement, useState } from 'react';
import { CodeBadges } from './CodeBadges.tsx';
import { CodeBrowser } from './CodeBrowser.tsx';
import { CodeResultList } from './CodeResultList.tsx';
import { type CodeResult, type CodeSystem, systemLabel, useCodeSearch } from './coding.api.ts';

const SYSTEMS = [
  { value: 'icd10cm', label: 'ICD-10-CM' },
  { value: 'icd10pcs', label: 'ICD-10-PCS' },
  { value: 'hcpcs', label: 'HCPCS' },
];

/** Code search: type a code or words; arrow keys move through results, Enter picks one. */
export function CodeSearchPage(): ReactElement {
  const [q, setQ] = useState('');
  const [system, setSystem] = useState<CodeSystem>('icd10cm');
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
  const [page, setPage] = useState(1);
  const [active, setActive] = useState(0);
  const [picked, setPicked] = useState<CodeResult | null>(null);
  const [debounced] = useDebouncedValue(q, 150);
  const { data, error, isFetching } = useCodeSearch({ q: debounced, system, date, page });
  const items = data?.items ?? [];

  // A new query or system starts at the top of the first page.
  const restart = () => {
    setPage(1);
    setActive(0);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, items.length - 1));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
    else if (e.key === 'Enter' && items[active]) setPicked(items[active]);
    else return;
    e.preventDefault();
  };

  return (
    <Stack maw={1100}>
      <Title order={2}>Code search</Title>
      <Group align="flex-end" wrap="wrap">
        <SegmentedControl
          value={system}
          onChange={(v) => {
            setSystem(v as CodeSystem);
            restart();
          }}
          data={SYSTEMS}
          aria-label="Code system"
        />
        <TextInput
          type="date"
          label="Date of service"
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
          w={170}
        />
      </Group>
      <Tabs defaultValue="search">
        <Tabs.List>
          <Tabs.Tab value="search">Search</Tabs.Tab>
          <Tabs.Tab value="browse" disabled={system !== 'icd10cm'}>
            Browse ICD-10-CM
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="search" pt="md">
          <Stack>
            <TextInput
              autoFocus
              aria-label="Search codes"
              placeholder="A code (E11.9, e119) or words in any order (diab typ 2 kidn, fx nasal bone init, CHF)"
              leftSection={<IconSearch size={16} />}
              rightSection={isFetching ? <Loader size="xs" /> : null}
              value={q}
              onChange={(e) => {
                setQ(e.currentTarget.value);
                restart();
              }}
              onKeyDown={onKeyDown}
              aria-controls="code-results"
              aria-activedescendant={items.length ? `code-option-${active}` : undefined}
            />
            {error && (
              <Alert color="red" title="Search failed">
                {error.message}
              </Alert>
            )}
            {data && (
              <Text size="sm" c="dimmed" data-testid="search-summary">
                {data.total} result{data.total === 1 ? '' : 's'} in {systemLabel(data.system)} {data.version}
                {data.mode === 'words' &&
                  data.expandedTerms.length > 0 &&
                  ` · words: ${data.expandedTerms.join(' ')}`}
                {data.mode === 'similar' && ' · no title has all the words; showing similar titles'}
              </Text>
            )}
            {picked && <PickedCode code={picked} />}
            <CodeResultList
              items={items}
              active={active}
              onPick={(i) => {
                setActive(i);
                setPicked(items[i] ?? null);
              }}
            />
            {data && data.total > data.pageSize && (
              <Pagination
                total={Math.ceil(data.total / data.pageSize)}
                value={page}
                onChange={setPage}
                aria-label="Result pages"
              />
            )}
            {!q && <Text c="dimmed">Start typing: results appear as you type. ↑ ↓ move, Enter selects.</Text>}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="browse" pt="md">
          <CodeBrowser date={date} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function PickedCode({ code }: { code: CodeResult }): ReactElement {
  return (
    <Card withBorder data-testid="picked-code">
      <Group justify="space-between">
        <Text fw={700} size="lg" ff="monospace">
          {code.display}
        </Text>
        <CodeBadges billable={code.billable} validOnDate={code.validOnDate} />
      </Group>
      <Text>{code.description}</Text>
      <Text size="xs" c="dimmed">
        {systemLabel(code.system)} {code.version} · short title: {code.shortDescription}
      </Text>
    </Card>
  );
}
