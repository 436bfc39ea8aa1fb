import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  Pagination,
  Progress,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { type ReactElement, useState } from 'react';
import {
  JOB_STATUS_LIST,
  type Job,
  type JobStatus,
  LIVE,
  useJobAction,
  useJobQueues,
  useJobs,
} from './jobs.api.ts';

const PAGE = 20;

const STATUS_COLOR: Record<JobStatus, string> = {
  queued: 'gray',
  running: 'blue',
  retrying: 'orange',
  completed: 'teal',
  failed: 'red',
  cancelled: 'dark',
};

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

/** How long a job ran (or has been running), in the largest unit that reads well. */
export function duration(job: Pick<Job, 'startedAt' | 'finishedAt'>, now = Date.now()): string {
  if (!job.startedAt) return '—';
  const ms = (job.finishedAt ? Date.parse(job.finishedAt) : now) - Date.parse(job.startedAt);
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

function JobProgress({ job }: { job: Job }): ReactElement {
  const { done, total, note } = job.progress;
  const pct = total ? Math.min(100, Math.round((done / total) * 100)) : job.status === 'completed' ? 100 : 0;
  return (
    <Stack gap={2} miw={140}>
      <Progress
        value={pct}
        color={STATUS_COLOR[job.status]}
        animated={job.status === 'running'}
        aria-label={`Progress of ${job.label}`}
      />
      <Text size="xs" c="dimmed">
        {note ?? (total ? `${done} of ${total}` : done ? String(done) : '')}
      </Text>
    </Stack>
  );
}

type Pending = { job: Job; action: 'cancel' | 'retry' };

/**
 * The administrator's jobs screen (issue 12 item 5): every background job on the one queue, newest first,
 * filtered by queue and state, with progress, timings, the last error, and cancel / retry after a
 * confirmation. It refreshes itself while a job on the page is still queued or running.
 */
export function JobsPage(): ReactElement {
  const [kinds, setKinds] = useState<string[]>([]);
  const [statuses, setStatuses] = useState<JobStatus[]>([]);
  const [page, setPage] = useState(1);
  const { data, error } = useJobs({ kinds, statuses, page, pageSize: PAGE });
  const queues = useJobQueues().data?.queues ?? [];
  const action = useJobAction();
  const [pending, setPending] = useState<Pending | null>(null);
  const live = data?.items.some((j) => LIVE.has(j.status)) ?? false;

  const confirm = () => {
    if (!pending) return;
    action.mutate({ id: pending.job.id, action: pending.action }, { onSettled: () => setPending(null) });
  };

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Jobs</Title>
          <Text c="dimmed" size="sm">
            Background work on the job queue: imports, exports, sweeps and the scheduled runs.
          </Text>
        </div>
        {live && (
          <Badge variant="dot" color="blue" data-testid="jobs-live">
            Refreshing while jobs run
          </Badge>
        )}
      </Group>
      <Group align="flex-end">
        <MultiSelect
          label="Queue"
          placeholder={kinds.length ? undefined : 'All queues'}
          data={queues.map((q) => ({ value: q.kind, label: `${q.label} (${q.kind})` }))}
          value={kinds}
          onChange={(v) => {
            setKinds(v);
            setPage(1);
          }}
          clearable
          searchable
          miw={280}
        />
        <MultiSelect
          label="State"
          placeholder={statuses.length ? undefined : 'All states'}
          data={JOB_STATUS_LIST}
          value={statuses}
          onChange={(v) => {
            setStatuses(v as JobStatus[]);
            setPage(1);
          }}
          clearable
          miw={220}
        />
      </Group>
      {error && (
        <Alert color="red" title="Could not load the jobs">
          {error.message} Reload the page; if it persists, check that the server is running.
        </Alert>
      )}
      {action.error && (
        <Alert color="red" title="The job did not change" withCloseButton onClose={() => action.reset()}>
          {action.error.message}
        </Alert>
      )}
      <Table striped highlightOnHover aria-label="Jobs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Job</Table.Th>
            <Table.Th>State</Table.Th>
            <Table.Th>Progress</Table.Th>
            <Table.Th>Started by</Table.Th>
            <Table.Th>Queued</Table.Th>
            <Table.Th>Took</Table.Th>
            <Table.Th>Attempts</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data?.items.map((job) => (
            <Table.Tr key={job.id} data-testid="job-row" data-kind={job.kind} data-status={job.status}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {job.label}
                </Text>
                <Text size="xs" c="dimmed">
                  {job.kind}
                </Text>
                {job.error && (
                  <Tooltip label={job.error} multiline maw={420}>
                    <Text size="xs" c="red" lineClamp={1} maw={320} data-testid="job-error">
                      {job.error}
                    </Text>
                  </Tooltip>
                )}
              </Table.Td>
              <Table.Td miw={120}>
                <Badge
                  color={STATUS_COLOR[job.status]}
                  variant="light"
                  data-testid="job-status"
                  style={{ overflow: 'visible' }}
                >
                  {job.status}
                </Badge>
              </Table.Td>
              <Table.Td>
                <JobProgress job={job} />
              </Table.Td>
              <Table.Td>{job.startedBy}</Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {when(job.createdAt)}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{duration(job)}</Table.Td>
              <Table.Td>{job.attempts}</Table.Td>
              <Table.Td>
                {LIVE.has(job.status) && (
                  <Button
                    size="xs"
                    variant="light"
                    color="red"
                    onClick={() => setPending({ job, action: 'cancel' })}
                  >
                    Cancel
                  </Button>
                )}
                {(job.status === 'failed' || job.status === 'cancelled') && (
                  <Button size="xs" variant="light" onClick={() => setPending({ job, action: 'retry' })}>
                    Retry
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {data && data.items.length === 0 && (
        <Text c="dimmed">
          {kinds.length || statuses.length
            ? 'No jobs match these filters. Clear them to see every job.'
            : 'No jobs yet. Imports, exports and sweeps you start appear here.'}
        </Text>
      )}
      {data && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed" data-testid="jobs-total">
            {data.total} {data.total === 1 ? 'job' : 'jobs'}
          </Text>
          {data.total > PAGE && (
            <Pagination
              total={Math.ceil(data.total / PAGE)}
              value={page}
              onChange={setPage}
              aria-label="Pages"
            />
          )}
        </Group>
      )}
      <QueuesTable />
      <Modal
        opened={pending !== null}
        onClose={() => setPending(null)}
        title={pending?.action === 'cancel' ? 'Cancel this job?' : 'Run this job again?'}
      >
        {pending && (
          <Stack>
            <Text size="sm">
              {pending.action === 'cancel'
                ? `“${pending.job.label}” stops at its next step; what it has already committed stays. You can retry it later.`
                : `“${pending.job.label}” is queued again and picks up from what it had committed.`}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setPending(null)}>
                Keep as it is
              </Button>
              <Button
                color={pending.action === 'cancel' ? 'red' : undefined}
                loading={action.isPending}
                onClick={confirm}
              >
                {pending.action === 'cancel' ? 'Cancel job' : 'Retry job'}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

/** The queues themselves: what runs on a schedule, and how often a failed attempt is retried. */
function QueuesTable(): ReactElement | null {
  const queues = useJobQueues().data?.queues;
  if (!queues?.length) return null;
  return (
    <Stack gap="xs" mt="md">
      <Title order={4}>Queues</Title>
      <Table aria-label="Queues" withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Queue</Table.Th>
            <Table.Th>Schedule</Table.Th>
            <Table.Th>Retries</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {queues.map((q) => (
            <Table.Tr key={q.kind}>
              <Table.Td>
                <Text size="sm">{q.label}</Text>
                <Text size="xs" c="dimmed">
                  {q.kind}
                </Text>
              </Table.Td>
              <Table.Td>
                {q.schedule ? (
                  <code>
                    {q.schedule.cron} ({q.schedule.tz})
                  </code>
                ) : (
                  <Text size="sm" c="dimmed">
                    on demand
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{q.retryLimit}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
