import { Alert, Badge, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { type Candidate, type MatchProbe, useMatchCandidates } from './patients.api.ts';

const BAND_COLOR = { certain: 'red', probable: 'orange', possible: 'yellow', unlikely: 'gray' } as const;
const OUTCOME = { agree: 'agrees', partial: 'nearly agrees', disagree: 'differs', missing: 'not compared' };

/** Existing records that may be this patient, with score and reasons; the clerk opens one or goes on. */
export function MatchSuggestions({ probe }: { probe: MatchProbe | null }): ReactElement {
  const { data, error } = useMatchCandidates(probe);
  return (
    <Stack aria-label="Possible existing records" role="region">
      <Title order={4}>Possible existing records</Title>
      {!probe && <Text c="dimmed">Enter the name and date of birth to check for existing records.</Text>}
      {error && <Alert color="red">{error.message}</Alert>}
      {probe && data?.candidates.length === 0 && <Text>No existing record looks like this patient.</Text>}
      {probe && data?.candidates.map((c) => <CandidateCard key={c.patient.id} c={c} />)}
    </Stack>
  );
}

function CandidateCard({ c }: { c: Candidate }): ReactElement {
  return (
    <Card withBorder data-testid="match-candidate">
      <Group justify="space-between">
        <Text fw={600}>{c.patient.restricted ? 'Restricted record' : c.patient.name}</Text>
        <Badge color={BAND_COLOR[c.band]}>
          {c.band} match · {c.score}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed">
        MRN {c.patient.mrn} · born {c.patient.birthDate ?? '—'}
      </Text>
      <List size="sm" mt="xs">
        {c.fields
          .filter((f) => f.outcome !== 'missing')
          .map((f) => (
            <List.Item key={f.field}>
              {f.field} {OUTCOME[f.outcome]} ({f.reason}, {f.weight > 0 ? '+' : ''}
              {f.weight})
            </List.Item>
          ))}
      </List>
      {!c.patient.restricted && (
        <Button component={Link} to={`/patients/${c.patient.id}`} variant="light" mt="sm" size="xs">
          Use this record
        </Button>
      )}
    </Card>
  );
}
