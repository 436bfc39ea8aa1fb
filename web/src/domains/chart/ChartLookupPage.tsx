import { Alert, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { useNavigate } from 'react-router';
import { useLookupChart } from './chart.api.ts';

/** Opens a chart by MRN (patient search lives in the patient index; this is the chart's direct way in). */
export function ChartLookupPage(): ReactElement {
  const [mrn, setMrn] = useState('');
  const lookup = useLookupChart();
  const navigate = useNavigate();
  return (
    <Stack maw={480}>
      <Title order={2}>Open a chart</Title>
      <Text c="dimmed" size="sm">
        Enter the patient's medical record number exactly as printed on the wristband or face sheet.
      </Text>
      <form
        aria-label="Open chart"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!mrn.trim()) return;
          const { patientId } = await lookup.mutateAsync(mrn.trim());
          navigate(`/patients/${patientId}/chart/history`);
        }}
      >
        <Group align="flex-end">
          <TextInput label="MRN" value={mrn} onChange={(e) => setMrn(e.currentTarget.value)} data-autofocus />
          <Button type="submit" loading={lookup.isPending} disabled={!mrn.trim()}>
            Open chart
          </Button>
        </Group>
      </form>
      {lookup.error && <Alert color="red">{lookup.error.message} Check the number and try again.</Alert>}
    </Stack>
  );
}
