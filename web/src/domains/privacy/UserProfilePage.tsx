import { Alert, Anchor, Card, Group, Loader, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Bar, BarChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { useUserProfile } from './privacy.api.ts';

/** A user's access profile: distinct charts opened per day against their own median (rule 4's basis). */
export function UserProfilePage(): ReactElement {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const [days, setDays] = useState('30');
  const { data, error } = useUserProfile(id, Number(days));
  if (error) return <Alert color="red">{error.message} Go back to the alert queue and try again.</Alert>;
  if (!data) return <Loader aria-label="Loading profile" />;
  const name = params.get('name') ?? 'User';
  return (
    <Stack maw={1100}>
      <Group justify="space-between">
        <Title order={2}>Access profile · {name}</Title>
        <SegmentedControl
          value={days}
          onChange={setDays}
          data={[
            { value: '30', label: '30 days' },
            { value: '90', label: '90 days' },
          ]}
        />
      </Group>
      <Group>
        <Card withBorder>
          <Text size="xs" c="dimmed">
            Median charts a day
          </Text>
          <Text fw={700} size="xl">
            {data.median ?? '—'}
          </Text>
        </Card>
        <Card withBorder>
          <Text size="xs" c="dimmed">
            Alerts on this user
          </Text>
          <Anchor component={Link} to={`/privacy/alerts?userId=${id}`} fw={700} size="xl">
            {data.alerts}
          </Anchor>
        </Card>
      </Group>
      {data.days.length === 0 ? (
        <Text c="dimmed">No chart access by this user in the period.</Text>
      ) : (
        <Card withBorder aria-label="Charts opened per day">
          <BarChart width={1000} height={280} data={data.days}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="day" fontSize={11} />
            <YAxis allowDecimals={false} />
            <Tooltip />
            {data.median !== null && <ReferenceLine y={data.median} stroke="orange" label="median" />}
            <Bar dataKey="charts" name="Distinct charts" fill="teal" />
          </BarChart>
        </Card>
      )}
    </Stack>
  );
}
