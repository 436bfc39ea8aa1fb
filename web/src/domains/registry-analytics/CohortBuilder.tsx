import { Badge, Card, Group, MultiSelect, NumberInput, Select, Stack, TagsInput, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { type CohortFilter, type SurvivalRequest, useCohortCount } from './analytics.api.ts';
import { GROUP_BY_LABELS, groupLabel, SEXES, STAGES } from './labels.ts';

export interface CohortState {
  filter: CohortFilter;
  /** One of the server's group-by items (the select lists only those it sends in `groupByItems`). */
  groupBy: SurvivalRequest['groupBy'];
}

const num = (v: string | number) => (typeof v === 'number' ? v : undefined);

/** Drops empty parts, so that the request names only what the user chose. */
export function cleanFilter(f: CohortFilter): CohortFilter {
  const out: CohortFilter = {};
  if (f.siteGroups?.length) out.siteGroups = f.siteGroups;
  if (f.histologies?.length) out.histologies = f.histologies;
  if (f.stages?.length) out.stages = f.stages;
  if (f.sex?.length) out.sex = f.sex;
  if (f.diagnosisYears?.from !== undefined || f.diagnosisYears?.to !== undefined)
    out.diagnosisYears = f.diagnosisYears;
  if (f.ageRange?.min !== undefined || f.ageRange?.max !== undefined) out.ageRange = f.ageRange;
  return out;
}

/** The cohort builder: filters over registry tumours, the grouping item, and the live (suppressed) counts. */
export function CohortBuilder({
  value,
  onChange,
}: {
  value: CohortState;
  onChange: (v: CohortState) => void;
}): ReactElement {
  const { filter: f, groupBy } = value;
  const count = useCohortCount(cleanFilter(f), groupBy);
  const set = (patch: Partial<CohortFilter>) => onChange({ ...value, filter: { ...f, ...patch } });
  const c = count.data;
  return (
    <Card withBorder component="section" aria-label="Cohort builder">
      <Stack gap="sm">
        <Group align="flex-end" grow>
          <MultiSelect
            label="Site group"
            placeholder="All sites"
            data={c?.siteGroups ?? []}
            value={f.siteGroups ?? []}
            onChange={(v) => set({ siteGroups: v })}
            searchable
            clearable
          />
          <TagsInput
            label="Histology (ICD-O-3)"
            placeholder="e.g. 8140, Enter"
            description="Four-digit histologic type codes"
            value={f.histologies ?? []}
            onChange={(v) => set({ histologies: v.filter((h) => /^\d{4}$/.test(h)) })}
          />
          <MultiSelect
            label="Stage"
            placeholder="All stages"
            data={STAGES}
            value={f.stages ?? []}
            onChange={(v) => set({ stages: v })}
            clearable
          />
        </Group>
        <Group align="flex-end" grow>
          <NumberInput
            label="Diagnosed from (year)"
            min={1850}
            max={2100}
            value={f.diagnosisYears?.from ?? ''}
            onChange={(v) => set({ diagnosisYears: { ...f.diagnosisYears, from: num(v) } })}
          />
          <NumberInput
            label="Diagnosed to (year)"
            min={1850}
            max={2100}
            value={f.diagnosisYears?.to ?? ''}
            onChange={(v) => set({ diagnosisYears: { ...f.diagnosisYears, to: num(v) } })}
          />
          <MultiSelect
            label="Sex"
            placeholder="Any"
            data={SEXES}
            value={f.sex ?? []}
            onChange={(v) => set({ sex: v })}
            clearable
          />
          <NumberInput
            label="Age from"
            min={0}
            max={130}
            value={f.ageRange?.min ?? ''}
            onChange={(v) => set({ ageRange: { ...f.ageRange, min: num(v) } })}
          />
          <NumberInput
            label="Age to"
            min={0}
            max={130}
            value={f.ageRange?.max ?? ''}
            onChange={(v) => set({ ageRange: { ...f.ageRange, max: num(v) } })}
          />
          <Select
            label="Group by"
            placeholder="No grouping"
            data={Object.entries(GROUP_BY_LABELS).map(([v, l]) => ({ value: v, label: l }))}
            value={groupBy ?? null}
            onChange={(v) => onChange({ ...value, groupBy: (v as CohortState['groupBy']) ?? undefined })}
            clearable
          />
        </Group>
        <Group gap="xs" aria-live="polite" data-testid="cohort-count">
          {count.error ? (
            <Text c="red" size="sm">
              {count.error.message}
            </Text>
          ) : c ? (
            <>
              <Text size="sm" fw={600}>
                {c.cohort.tumours === null
                  ? 'Cohort: fewer than 16 tumours (suppressed)'
                  : `Cohort: ${c.cohort.tumours} tumours`}
              </Text>
              {groupBy &&
                c.groups.map((g) => (
                  <Badge key={g.group} variant="light" color={g.n === null ? 'gray' : 'teal'}>
                    {groupLabel(groupBy, g.group)}: {g.n === null ? 'suppressed' : g.n}
                  </Badge>
                ))}
            </>
          ) : (
            <Text size="sm" c="dimmed">
              Counting…
            </Text>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
