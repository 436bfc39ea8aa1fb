import { Autocomplete, Group, Loader, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { type ReactElement, useState } from 'react';
import { type CodeResult, type CodeSystem, useCodeSearch } from './coding.api.ts';

interface Props {
  label: string;
  system: CodeSystem;
  date: string;
  placeholder: string;
  onPick: (code: CodeResult) => void;
}

/**
 * Find a code by code prefix or words (the code search API) and add it: ↑ ↓ move through the
 * results, Enter adds the highlighted code, and the field clears for the next one.
 */
export function CodePicker({ label, system, date, placeholder, onPick }: Props): ReactElement {
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 150);
  const { data, isFetching } = useCodeSearch({ q: debounced, system, date, page: 1 });
  const items = debounced === q ? (data?.items ?? []) : [];
  const byCode = new Map(items.map((i) => [i.code, i]));
  return (
    <Autocomplete
      label={label}
      placeholder={placeholder}
      value={q}
      onChange={setQ}
      leftSection={<IconSearch size={14} />}
      rightSection={isFetching ? <Loader size="xs" /> : null}
      data={items.map((i) => ({ value: i.code, label: `${i.display} ${i.description}` }))}
      filter={({ options }) => options}
      limit={15}
      selectFirstOptionOnChange
      comboboxProps={{ withinPortal: true }}
      renderOption={({ option }) => {
        const item = byCode.get(option.value);
        return (
          <Group gap="xs" wrap="nowrap" data-testid="picker-option">
            <Text ff="monospace" fw={700} size="sm" miw={80}>
              {item?.display}
            </Text>
            <Text size="sm">{item?.description}</Text>
            {item && !item.billable && (
              <Text size="xs" c="orange">
                header
              </Text>
            )}
          </Group>
        );
      }}
      onOptionSubmit={(value) => {
        const item = byCode.get(value);
        if (item) onPick(item);
        // Clear after Mantine has written the option's value into the field.
        setTimeout(() => setQ(''), 0);
      }}
    />
  );
}
