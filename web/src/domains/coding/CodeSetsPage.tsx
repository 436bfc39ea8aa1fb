import { Alert, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactElement } from 'react';
import { can, useMe } from '../access/access.api.ts';
import { CodeImportPanel } from './CodeImportPanel.tsx';
import { systemLabel, useCodeVersions, useImportSample } from './coding.api.ts';
import { VersionDiffView } from './VersionDiffView.tsx';

/** Code-set administration: file import with progress, loaded versions with counts, the sample, diffs. */
export function CodeSetsPage(): ReactElement {
  const { data, isLoading, error } = useCodeVersions();
  const sample = useImportSample();
  const { data: me } = useMe();
  const versions = data?.versions ?? [];
  return (
    <Stack maw={1100}>
      <Group justify="space-between">
        <Title order={2}>Code sets</Title>
        {can(me, 'code:admin') && (
          <Button variant="light" loading={sample.isPending} onClick={() => sample.mutate()}>
            Load the sample code sets
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        Load official files here or with <code>chartkeeper codes import &lt;system&gt; &lt;file&gt;</code>{' '}
        (see docs/coding.md). Each version keeps its validity period, so past dates of service still validate.
      </Text>
      {can(me, 'code:admin') && <CodeImportPanel />}
      {sample.error && <Alert color="red">{sample.error.message}</Alert>}
      {isLoading && <Loader aria-label="Loading code sets" />}
      {error && (
        <Alert color="red" title="Could not load code sets">
          {error.message}
        </Alert>
      )}
      {data && versions.length === 0 && (
        <Alert color="yellow">No code set is loaded yet. Load the sample or import official files.</Alert>
      )}
      {versions.length > 0 && (
        <Table striped withTableBorder data-testid="code-versions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>System</Table.Th>
              <Table.Th>Version</Table.Th>
              <Table.Th>Valid</Table.Th>
              <Table.Th ta="right">Billable</Table.Th>
              <Table.Th ta="right">Headers</Table.Th>
              <Table.Th>Source</Table.Th>
              <Table.Th>Loaded</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {versions.map((v) => (
              <Table.Tr key={`${v.system}-${v.version}`}>
                <Table.Td>{systemLabel(v.system)}</Table.Td>
                <Table.Td fw={600}>{v.version}</Table.Td>
                <Table.Td>
                  {v.effectiveFrom ? `${v.effectiveFrom} – ${v.effectiveTo ?? 'open'}` : 'no period'}
                </Table.Td>
                <Table.Td ta="right">{v.billable.toLocaleString()}</Table.Td>
                <Table.Td ta="right">{v.headers.toLocaleString()}</Table.Td>
                <Table.Td>
                  <Text size="sm" truncate maw={260}>
                    {v.source}
                  </Text>
                </Table.Td>
                <Table.Td>{new Date(v.loadedAt).toLocaleString()}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {versions.length > 0 && <VersionDiffView versions={versions} />}
    </Stack>
  );
}
