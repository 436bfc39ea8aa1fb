import { Alert, Button, Card, Loader, Stack } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { type ReactElement, useState } from 'react';
import { type Collection, useCollection } from './chart.api.ts';
import { EntryForm } from './EntryForm.tsx';
import { EntryTable } from './EntryTable.tsx';

/** One chart collection: its entries (paginated) and a form to record a new one. */
export function CollectionPanel(props: {
  patientId: string;
  collection: Collection;
  kinds: readonly string[];
  label: string;
  canWrite: boolean;
}): ReactElement {
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const { data, isLoading, error } = useCollection(props.patientId, props.collection, page);
  return (
    <Stack>
      {props.canWrite && !adding && (
        <Button
          leftSection={<IconPlus size={16} />}
          variant="light"
          w="fit-content"
          onClick={() => setAdding(true)}
        >
          Add to {props.label.toLowerCase()}
        </Button>
      )}
      {adding && (
        <Card withBorder>
          <EntryForm patientId={props.patientId} kinds={props.kinds} onDone={() => setAdding(false)} />
          <Button variant="subtle" mt="xs" w="fit-content" onClick={() => setAdding(false)}>
            Close form
          </Button>
        </Card>
      )}
      {isLoading && <Loader aria-label={`Loading ${props.label}`} />}
      {error && <Alert color="red">{error.message} Reload the page to try again.</Alert>}
      {data && (
        <EntryTable
          patientId={props.patientId}
          entries={data.items}
          total={data.total}
          page={page}
          onPage={setPage}
          label={props.label}
          canWrite={props.canWrite}
        />
      )}
    </Stack>
  );
}
