import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  List,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { type ReactElement, useEffect, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import {
  ABSTRACT_GROUPS,
  changedValues,
  contactSourceText,
  DEMOGRAPHICS,
  type FieldDef,
} from './abstract-fields.ts';
import {
  checkItems,
  type TumourDetail,
  useCompleteTumour,
  useSaveTumour,
  useTumour,
} from './registry.api.ts';

type Values = Record<string, string>;
const key = (f: FieldDef) => `${f.level}:${f.id}`;

function initialValues(t: TumourDetail): Values {
  const v: Values = {};
  for (const g of ABSTRACT_GROUPS)
    for (const f of g.fields) v[key(f)] = (f.level === 'Tumor' ? t.items[f.id] : t.patientItems[f.id]) ?? '';
  return v;
}

const split = (values: Values, level: FieldDef['level']) =>
  Object.fromEntries(
    Object.entries(values)
      .filter(([k]) => k.startsWith(`${level}:`))
      .map(([k, v]) => [k.slice(level.length + 1), v]),
  );

/** The abstract editor (issue 14 "Abstracting"): NAACCR items by group, edits run as the registrar types. */
function Editor({ tumour }: { tumour: TumourDetail }): ReactElement {
  const [values, setValues] = useState<Values>(() => initialValues(tumour));
  useEffect(() => setValues(initialValues(tumour)), [tumour]);
  const [debounced] = useDebouncedValue(values, 300);
  const merged = useMemo(() => {
    const drop = (o: Values) => Object.fromEntries(Object.entries(o).filter(([, v]) => v.trim() !== ''));
    return {
      items: drop({ ...tumour.items, ...split(debounced, 'Tumor') }),
      patientItems: drop({ ...tumour.patientItems, ...split(debounced, 'Patient') }),
    };
  }, [debounced, tumour]);
  const check = useQuery({
    queryKey: ['registry', 'check', tumour.id, merged],
    queryFn: () => checkItems({ dictionaryVersion: tumour.dictionaryVersion, ...merged }),
  });
  const save = useSaveTumour(tumour.id);
  const complete = useCompleteTumour(tumour.id);
  const problems = new Map((check.data?.problems ?? []).map((p) => [p.naaccrId, p.message]));
  const edits = check.data?.edits ?? tumour.edits;
  const errors = edits.filter((e) => e.severity === 'error');
  const editsOf = (id: string) => edits.filter((e) => e.items.some((i) => i.naaccrId === id));
  const changes = {
    items: changedValues(tumour.items, split(values, 'Tumor')),
    patientItems: changedValues(tumour.patientItems, split(values, 'Patient')),
  };
  const dirty = Object.keys(changes.items).length + Object.keys(changes.patientItems).length > 0;
  return (
    <Stack>
      <Card withBorder>
        <Text fw={600} mb="xs">
          Demographics (from the patient index)
        </Text>
        <Group>
          {DEMOGRAPHICS.map((f) => (
            <Text key={f.id} size="sm">
              {f.label} (#{f.num}): <b>{tumour.patientItems[f.id] ?? '—'}</b>
            </Text>
          ))}
        </Group>
      </Card>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ version: tumour.version, ...changes });
        }}
      >
        <Stack>
          {ABSTRACT_GROUPS.map((g) => (
            <Card withBorder key={g.title}>
              <Title order={4} mb="sm">
                {g.title}
              </Title>
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
                {g.fields.map((f) => {
                  const msg =
                    problems.get(f.id) ??
                    editsOf(f.id)
                      .map((e) => `${e.id}: ${e.message}`)
                      .join('; ');
                  return (
                    <TextInput
                      key={key(f)}
                      label={`${f.label} (#${f.num})`}
                      description={f.hint}
                      value={values[key(f)] ?? ''}
                      error={msg || undefined}
                      onChange={(e) => {
                        const v = e.currentTarget.value;
                        setValues((s) => ({ ...s, [key(f)]: v }));
                      }}
                    />
                  );
                })}
              </SimpleGrid>
              {g.title === 'Follow-up' && (
                <Text size="sm" c="dimmed" mt="xs" aria-label="Source of last contact">
                  {contactSourceText(tumour.lastContact, tumour.patientItems.dateOfLastContact)}
                </Text>
              )}
            </Card>
          ))}
          {save.error && <Alert color="red">{save.error.message}</Alert>}
          {complete.error && <Alert color="red">{complete.error.message}</Alert>}
          <Card withBorder aria-label="Edits">
            <Title order={4} mb="xs">
              Edits
            </Title>
            {edits.length === 0 ? (
              <Text c="teal" role="status">
                No edit errors: the abstract can be marked complete.
              </Text>
            ) : (
              <List size="sm">
                {edits.map((e) => (
                  <List.Item key={`${e.id}-${e.items.map((i) => i.naaccrNum).join()}`}>
                    <Badge color={e.severity === 'error' ? 'red' : 'yellow'} size="sm" mr="xs">
                      {e.id}
                    </Badge>
                    {e.message} ({e.items.map((i) => `#${i.naaccrNum}`).join(', ')})
                  </List.Item>
                ))}
              </List>
            )}
          </Card>
          <Group justify="flex-end">
            <Button type="submit" disabled={!dirty || problems.size > 0} loading={save.isPending}>
              Save changes
            </Button>
            <Button
              color="teal"
              disabled={dirty || errors.length > 0 || tumour.status === 'complete'}
              loading={complete.isPending}
              onClick={() => complete.mutate(tumour.version)}
            >
              Mark complete
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

/** One tumour's abstract. */
export function TumourPage(): ReactElement {
  const { id = '' } = useParams();
  const { data, error } = useTumour(id);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>
          Abstract {data ? `${data.patientIdNumber} / tumour ${data.tumorRecordNumber}` : ''}
        </Title>
        {data && (
          <Badge size="lg" color={data.status === 'complete' ? 'teal' : 'blue'}>
            {data.status === 'complete' ? 'Complete' : 'Abstracting'} · version {data.version}
          </Badge>
        )}
      </Group>
      {data?.primaryDecision && (
        <Text size="sm" c="dimmed">
          Multiple primaries: {data.primaryDecision.computed.rule} — {data.primaryDecision.computed.reason}
        </Text>
      )}
      {error && <Alert color="red">{error.message}</Alert>}
      {data && <Editor tumour={data} />}
    </Stack>
  );
}
