import { Badge, Group, Kbd, Text, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Spotlight, spotlight } from '@mantine/spotlight';
import '@mantine/spotlight/styles.css';
import { IconSearch } from '@tabler/icons-react';
import { type ReactElement, useState } from 'react';
import { useNavigate } from 'react-router';
import { navItems } from '../../app/nav.ts';
import { usePatientSearch } from '../patients/patients.api.ts';
import { filterEntries, paletteScreens, patientQuery } from './palette.ts';

/**
 * The command palette (issue 20): Ctrl/⌘+K, or the header button, opens one search over patients (by MRN
 * or name, through the audited patient search, only for users who may read patients), screens and
 * actions the user's roles allow.
 */
export function CommandPalette({ permissions }: { permissions: readonly string[] }): ReactElement {
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 250);
  const probe = permissions.includes('patient:read') ? patientQuery(debounced) : null;
  const patients = usePatientSearch(probe ? { ...probe, page: 1 } : null);
  const screens = filterEntries(paletteScreens(navItems, permissions), query).slice(0, 12);
  // Patients found for an earlier query are not shown: Enter must never open a stale hit.
  const settled = debounced === query && !patients.isPlaceholderData;
  const found = probe && settled ? (patients.data?.items ?? []).slice(0, 8) : [];
  const go = (to: string) => {
    spotlight.close();
    void navigate(to);
  };
  return (
    <Spotlight.Root query={query} onQueryChange={setQuery} shortcut={['mod + K', '/']} scrollable>
      <Spotlight.Search
        placeholder="Patient MRN or name, a screen, an action"
        aria-label="Search patients, screens and actions"
        leftSection={<IconSearch size={18} />}
      />
      <Spotlight.ActionsList aria-label="Results">
        {found.length > 0 && (
          <Spotlight.ActionsGroup label="Patients">
            {found.map((p) => (
              <Spotlight.Action
                key={p.id}
                label={p.name ?? `MRN ${p.mrn}`}
                description={`MRN ${p.mrn}${p.birthDate ? ` · born ${p.birthDate}` : ''}`}
                rightSection={p.restricted ? <Badge color="red">Restricted</Badge> : undefined}
                onClick={() => go(`/patients/${p.id}`)}
              />
            ))}
          </Spotlight.ActionsGroup>
        )}
        {screens.length > 0 && (
          <Spotlight.ActionsGroup label="Screens and actions">
            {screens.map((e) => (
              <Spotlight.Action
                key={e.id}
                label={e.label}
                description={e.description}
                onClick={() => go(e.to)}
              />
            ))}
          </Spotlight.ActionsGroup>
        )}
        {found.length === 0 && screens.length === 0 && (
          <Spotlight.Empty>
            {probe && (patients.isFetching || !settled)
              ? 'Searching patients…'
              : 'Nothing found. Try an MRN, a last name, or a screen name such as "claims".'}
          </Spotlight.Empty>
        )}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}

/** The header button that opens the palette, showing its shortcut. */
export function PaletteButton(): ReactElement {
  return (
    <UnstyledButton
      onClick={() => spotlight.open()}
      aria-label="Search (Ctrl+K)"
      px="sm"
      py={6}
      style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 4 }}
    >
      <Group gap="xs">
        <IconSearch size={16} />
        <Text size="sm">Search</Text>
        <Kbd size="xs">Ctrl K</Kbd>
      </Group>
    </UnstyledButton>
  );
}
