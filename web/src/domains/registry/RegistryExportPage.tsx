import { Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { exportUrl } from './registry.api.ts';

/** NAACCR XML export (issue 14): dictionary version, record type and an optional diagnosis year. */
export function RegistryExportPage(): ReactElement {
  const [version, setVersion] = useState('26');
  const [recordType, setRecordType] = useState('A');
  const [year, setYear] = useState('');
  const yearError =
    year !== '' && !/^\d{4}$/.test(year) ? 'Give a four-digit year, or leave it blank for every year' : null;
  return (
    <Stack maw={520}>
      <Title order={2}>NAACCR XML export</Title>
      <Text size="sm" c="dimmed">
        Writes the selected tumours as NAACCR XML 1.8; patients restricted to you are left out.
      </Text>
      <Select
        label="Dictionary version"
        allowDeselect={false}
        value={version}
        onChange={(v) => setVersion(v ?? '26')}
        data={[
          { value: '26', label: 'v26' },
          { value: '25', label: 'v25' },
        ]}
      />
      <Select
        label="Record type"
        allowDeselect={false}
        value={recordType}
        onChange={(v) => setRecordType(v ?? 'A')}
        data={[
          { value: 'A', label: 'A — full abstract' },
          { value: 'I', label: 'I — incidence (no confidential items)' },
        ]}
      />
      <TextInput
        label="Diagnosis year"
        placeholder="every year"
        value={year}
        error={yearError}
        onChange={(e) => setYear(e.currentTarget.value)}
      />
      <Group>
        <Button
          component="a"
          href={yearError ? undefined : exportUrl({ version, recordType, diagnosisYear: year || undefined })}
          download={`naaccr-${recordType}-v${version}.xml`}
          disabled={!!yearError}
        >
          Download NAACCR XML
        </Button>
      </Group>
    </Stack>
  );
}
