import { Button, Group, Text } from '@mantine/core';
import { IconClipboardHeart } from '@tabler/icons-react';
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { registerPatientTab } from '../patients/patient-tabs.ts';

/** The face sheet's way into the clinical record. */
function ChartTab({ patientId }: { patientId: string }): ReactElement {
  return (
    <Group>
      <Text size="sm">History, medications, allergies, encounters, results, notes and documents.</Text>
      <Button
        component={Link}
        to={`/patients/${patientId}/chart`}
        leftSection={<IconClipboardHeart size={16} />}
      >
        Open the chart
      </Button>
    </Group>
  );
}

registerPatientTab({ value: 'chart', label: 'Clinical chart', Panel: ChartTab, permission: 'chart:read' });
