import {
  Alert,
  Button,
  Card,
  FileInput,
  Group,
  Progress,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconUpload } from '@tabler/icons-react';
import { type ReactElement, useState } from 'react';
import { type ImportJob, systemLabel, useImportJob, useStartImport } from './coding.api.ts';

const KINDS = [
  { value: 'icd10cm', label: 'ICD-10-CM order file' },
  { value: 'icd10pcs', label: 'ICD-10-PCS order file' },
  { value: 'hcpcs', label: 'HCPCS Level II (CMS record layout)' },
  { value: 'cpt', label: 'CPT (your licensed file)' },
  { value: 'poa-exempt', label: 'POA-exempt list' },
  { value: 'ncci-ptp', label: 'NCCI procedure-to-procedure edits' },
  { value: 'mue', label: 'Medically unlikely edits' },
  { value: 'icdo3-topo', label: 'ICD-O-3 topography' },
  { value: 'icdo3-morph', label: 'ICD-O-3 morphology' },
];

/**
 * Upload an official or licensed code-set file (plain or gzip). The server loads it as a job in one
 * transaction; the bar follows its progress and the result names any bad line.
 */
export function CodeImportPanel(): ReactElement {
  const start = useStartImport();
  const [jobId, setJobId] = useState<string | null>(null);
  const { data: job } = useImportJob(jobId);
  const form = useForm({
    mode: 'controlled',
    initialValues: { kind: 'icd10cm', version: '', file: null as File | null },
    validateInputOnChange: true,
    validate: {
      version: (v) =>
        v && !/^[A-Za-z0-9._-]{1,40}$/.test(v)
          ? 'Use a label such as FY2026 or 2026 (letters, digits, . - _).'
          : null,
      file: (f) => (f ? null : 'Choose the file to upload.'),
    },
  });
  const submit = form.onSubmit((v) => {
    const body = new FormData();
    body.set('kind', v.kind);
    if (v.version) body.set('version', v.version);
    if (v.file) body.set('file', v.file, v.file.name);
    start.mutate(body, { onSuccess: (j) => setJobId(j.id) });
  });
  const running = job?.status === 'running';
  return (
    <Card withBorder>
      <Title order={4}>Import a code-set file</Title>
      <Text size="sm" c="dimmed" mb="sm">
        Order files carry their fiscal year in the name (icd10cm_order_2026.txt → FY2026); give the version
        for other files. CPT and ICD-O-3 are licensed: load only your own copy.
      </Text>
      <form onSubmit={submit} aria-label="Import a code-set file">
        <Group align="flex-start">
          <Select label="Kind" data={KINDS} allowDeselect={false} w={300} {...form.getInputProps('kind')} />
          <TextInput
            label="Version (optional)"
            placeholder="FY2026"
            w={150}
            {...form.getInputProps('version')}
          />
          <FileInput
            label="File"
            placeholder="Choose a .txt, .csv or .gz file"
            leftSection={<IconUpload size={14} />}
            w={300}
            clearable
            {...form.getInputProps('file')}
          />
          <Button type="submit" mt={25} loading={start.isPending || running}>
            Upload and import
          </Button>
        </Group>
      </form>
      {start.error && (
        <Alert color="red" mt="sm" title="Not started">
          {start.error.message}
        </Alert>
      )}
      {job && <JobStatus job={job} />}
    </Card>
  );
}

function JobStatus({ job }: { job: ImportJob }): ReactElement {
  const pct = job.total > 0 ? Math.round((job.done / job.total) * 100) : job.status === 'done' ? 100 : 5;
  return (
    <Stack gap={4} mt="md" data-testid="import-job">
      <Text size="sm">
        {job.sourceName} · {systemLabel(job.kind)}
        {job.version ? ` ${job.version}` : ''} ·{' '}
        {job.status === 'running'
          ? job.phase === 'queued'
            ? 'waiting for the job queue…'
            : job.phase === 'reading'
              ? 'reading and checking the file…'
              : `writing ${job.done.toLocaleString()} of ${job.total.toLocaleString()} records`
          : job.status}
      </Text>
      <Progress
        value={job.status === 'failed' ? 100 : pct}
        color={job.status === 'failed' ? 'red' : job.status === 'done' ? 'teal' : 'blue'}
        animated={job.status === 'running'}
        aria-label="Import progress"
      />
      {job.status === 'done' && job.summary && (
        <Text size="sm" c="teal">
          {job.summary.status}: {job.summary.records?.toLocaleString()} records
          {job.summary.billable
            ? ` (${job.summary.billable.toLocaleString()} billable, ${job.summary.headers?.toLocaleString()} headers)`
            : ''}
        </Text>
      )}
      {job.status === 'failed' && job.error && (
        <Alert color="red" title="Nothing was loaded">
          {job.error.message}
          {(job.error.details?.issues ?? []).slice(0, 5).map((i) => (
            <Text key={i.line} size="xs">
              line {i.line}: {i.message}
            </Text>
          ))}
        </Alert>
      )}
    </Stack>
  );
}
