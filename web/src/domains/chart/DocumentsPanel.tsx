import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  Loader,
  Pagination,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconEye, IconHistory, IconX } from '@tabler/icons-react';
import { type ReactElement, useState } from 'react';
import { type ChartDocument, PAGE_SIZE, useDocuments, useUploadDocument } from './chart.api.ts';
import { DocumentViewer } from './DocumentViewer.tsx';
import { EnteredInError } from './EnteredInError.tsx';
import { VersionHistory } from './VersionHistory.tsx';

const TYPES = [
  'lab_report',
  'imaging_report',
  'referral',
  'consent',
  'outside_records',
  'id_card',
  'other',
].map((v) => ({
  value: v,
  label: v.replace(/_/g, ' '),
}));
const ACCEPT = 'application/pdf,image/png,image/jpeg';

function UploadForm({ patientId }: { patientId: string }): ReactElement {
  const upload = useUploadDocument(patientId);
  const form = useForm<{
    documentType: string | null;
    serviceDate: string;
    title: string;
    file: File | null;
  }>({
    mode: 'controlled',
    initialValues: { documentType: null, serviceDate: '', title: '', file: null },
    validate: {
      documentType: (v) => (v ? null : 'Choose the document type'),
      serviceDate: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? null : 'Enter the date of service'),
      title: (v) => (v.trim() ? null : 'Title is required'),
      file: (f) =>
        !f
          ? 'Choose a PDF, PNG or JPEG file'
          : ACCEPT.split(',').includes(f.type)
            ? null
            : 'Only PDF, PNG or JPEG files',
    },
    validateInputOnChange: true,
  });
  const submit = form.onSubmit(async (v) => {
    const body = new FormData();
    body.set('documentType', v.documentType ?? '');
    body.set('serviceDate', v.serviceDate);
    body.set('title', v.title);
    if (v.file) body.set('file', v.file);
    await upload.mutateAsync(body);
    form.reset();
  });
  return (
    <form onSubmit={submit} aria-label="Upload document">
      <Stack gap="sm">
        {upload.error && <Alert color="red">{upload.error.message}</Alert>}
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          <Select label="Type" data={TYPES} withAsterisk {...form.getInputProps('documentType')} />
          <TextInput
            label="Date of service"
            type="date"
            withAsterisk
            {...form.getInputProps('serviceDate')}
          />
          <TextInput label="Title" withAsterisk {...form.getInputProps('title')} />
          <FileInput
            label="File"
            accept={ACCEPT}
            withAsterisk
            placeholder="PDF, PNG or JPEG"
            {...form.getInputProps('file')}
          />
        </SimpleGrid>
        <Button type="submit" w="fit-content" loading={upload.isPending}>
          Upload
        </Button>
      </Stack>
    </form>
  );
}

/** Scanned and uploaded documents with a viewer, version history and entered-in-error. */
export function DocumentsPanel(props: { patientId: string; canWrite: boolean }): ReactElement {
  const [page, setPage] = useState(1);
  const { data, isLoading, error } = useDocuments(props.patientId, page);
  const [viewing, setViewing] = useState<ChartDocument | null>(null);
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const [inError, setInError] = useState<{ id: string; version: number } | null>(null);
  return (
    <Stack>
      {props.canWrite && (
        <Card withBorder>
          <UploadForm patientId={props.patientId} />
        </Card>
      )}
      {isLoading && <Loader aria-label="Loading documents" />}
      {error && <Alert color="red">{error.message} Reload the page to try again.</Alert>}
      {data?.items.length === 0 && <Text c="dimmed">No documents yet.</Text>}
      {data && data.items.length > 0 && (
        <Table striped aria-label="Documents">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Date of service</Table.Th>
              <Table.Th>Title</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th>Size</Table.Th>
              <Table.Th aria-label="Actions" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>{d.serviceDate}</Table.Td>
                <Table.Td>
                  <Text size="sm" td={d.enteredInError ? 'line-through' : undefined}>
                    {d.title}
                  </Text>
                  {d.enteredInError && (
                    <Badge color="gray" size="sm">
                      entered in error: {d.enteredInErrorReason}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{d.documentType.replace(/_/g, ' ')}</Table.Td>
                <Table.Td>{Math.ceil(d.sizeBytes / 1024)} KB</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <ActionIcon variant="subtle" aria-label={`View ${d.title}`} onClick={() => setViewing(d)}>
                      <IconEye size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      aria-label={`Version history of ${d.title}`}
                      onClick={() => setHistoryOf(d.id)}
                    >
                      <IconHistory size={16} />
                    </ActionIcon>
                    {props.canWrite && !d.enteredInError && (
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Mark ${d.title} entered in error`}
                        onClick={() => setInError({ id: d.id, version: d.version })}
                      >
                        <IconX size={16} />
                      </ActionIcon>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {data && data.total > PAGE_SIZE && (
        <Pagination total={Math.ceil(data.total / PAGE_SIZE)} value={page} onChange={setPage} />
      )}
      <DocumentViewer doc={viewing} onClose={() => setViewing(null)} />
      <VersionHistory kind="documents" id={historyOf} onClose={() => setHistoryOf(null)} />
      <EnteredInError
        patientId={props.patientId}
        kind="documents"
        target={inError}
        onClose={() => setInError(null)}
      />
    </Stack>
  );
}
