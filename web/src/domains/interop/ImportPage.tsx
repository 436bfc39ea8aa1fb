import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  Progress,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { CountsTable } from './CountsTable.tsx';
import { type ImportJob, useImportJob, useImportJobs, useStartImport } from './interop.api.ts';
import { RejectsTable } from './RejectsTable.tsx';

const ACCEPT =
  '.json,.ndjson,.gz,application/json,application/fhir+json,application/x-ndjson,application/gzip';

function JobProgress({ job }: { job: ImportJob }): ReactElement {
  const pct = job.total > 0 ? Math.min(100, Math.round((job.processed / job.total) * 100)) : 0;
  const color = job.status === 'failed' ? 'red' : job.status === 'done' ? 'teal' : 'blue';
  return (
    <Stack gap="xs" data-testid="import-job">
      <Group>
        <Badge color={color} data-testid="import-status">
          {job.status === 'running' ? 'importing' : job.status}
        </Badge>
        <Text size="sm">
          {job.processed.toLocaleString()} of {job.total.toLocaleString()} resources from {job.files.length}{' '}
          files
        </Text>
        {job.status !== 'running' && (
          <Anchor href={`/api/interop/imports/${job.id}/report`} download size="sm">
            Download the report (JSON)
          </Anchor>
        )}
      </Group>
      <Progress value={pct} color={color} animated={job.status === 'running'} aria-label="Import progress" />
      {job.error && <Alert color="red">{job.error}</Alert>}
    </Stack>
  );
}

/** FHIR bulk import: upload Bundles or NDJSON, watch the background job, read the report. */
export function ImportPage(): ReactElement {
  const [files, setFiles] = useState<File[]>([]);
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useStartImport();
  const jobs = useImportJobs();
  const { data: job } = useImportJob(jobId);
  const submit = () =>
    start.mutate(files, {
      onSuccess: (j) => {
        setJobId(j.id);
        setFiles([]);
      },
    });
  return (
    <Stack maw={1100}>
      <Title order={2}>Import FHIR data</Title>
      <Text c="dimmed" size="sm">
        FHIR R4 transaction or collection Bundles (as Synthea writes them) and bulk-data NDJSON files,
        optionally gzipped. A transaction Bundle is applied whole or not at all; NDJSON and other Bundles keep
        every good resource. Importing the same files again updates records instead of duplicating them.
      </Text>
      <form
        aria-label="Import files"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Group align="end">
          <FileInput
            label="FHIR files"
            placeholder="Choose .json, .ndjson or .gz files"
            multiple
            accept={ACCEPT}
            value={files}
            onChange={setFiles}
            clearable
            w={460}
            error={start.error ? `${start.error.message} Check the files and try again.` : undefined}
          />
          <Button type="submit" disabled={files.length === 0} loading={start.isPending}>
            Start import
          </Button>
        </Group>
      </form>
      {job && (
        <Stack>
          <JobProgress job={job} />
          <Title order={3}>Counts per resource type</Title>
          <CountsTable counts={job.counts} />
          {job.status !== 'running' && (
            <>
              <Title order={3}>Rejected resources</Title>
              <RejectsTable jobId={job.id} />
            </>
          )}
        </Stack>
      )}
      <Title order={3}>Recent imports</Title>
      <Table withTableBorder aria-label="Recent imports">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Started</Table.Th>
            <Table.Th>By</Table.Th>
            <Table.Th>Files</Table.Th>
            <Table.Th>Resources</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(jobs.data?.items ?? []).map((j) => (
            <Table.Tr key={j.id}>
              <Table.Td>
                <Anchor component="button" type="button" onClick={() => setJobId(j.id)}>
                  {new Date(j.startedAt).toLocaleString()}
                </Anchor>
              </Table.Td>
              <Table.Td>{j.startedBy}</Table.Td>
              <Table.Td>{j.files.length}</Table.Td>
              <Table.Td>{j.processed.toLocaleString()}</Table.Td>
              <Table.Td>{j.status}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
