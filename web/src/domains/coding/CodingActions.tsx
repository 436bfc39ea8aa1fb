import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { type ReactElement, useState } from 'react';
import type { CodingAction, CodingRecord } from './coding.api.ts';

interface Props {
  coding: CodingRecord;
  dirty: boolean;
  canSave: boolean;
  busy: boolean;
  onSave: () => void;
  onAction: (action: Exclude<CodingAction, 'save'>, extra?: object) => void;
}

/** Save and the status changes this encounter allows; hold and reopen ask for the question or reason. */
export function CodingActions({ coding, dirty, canSave, busy, onSave, onAction }: Props): ReactElement {
  const [ask, setAsk] = useState<'hold' | 'reopen' | null>(null);
  const can = (a: CodingAction) => coding.allowedActions.includes(a);
  return (
    <Group>
      {can('save') && (
        <Button onClick={onSave} disabled={!dirty || !canSave} loading={busy}>
          Save codes
        </Button>
      )}
      {can('finalize') && (
        <Button
          color="teal"
          onClick={() => onAction('finalize')}
          disabled={dirty}
          title={dirty ? 'Save your changes first' : undefined}
          loading={busy}
        >
          Finalize
        </Button>
      )}
      {can('hold') && (
        <Button variant="light" color="orange" onClick={() => setAsk('hold')}>
          Hold for query
        </Button>
      )}
      {can('release') && (
        <Button variant="light" onClick={() => onAction('release')} disabled={dirty} loading={busy}>
          Query answered: release hold
        </Button>
      )}
      {can('reopen') && (
        <Button variant="light" onClick={() => setAsk('reopen')}>
          Reopen for correction
        </Button>
      )}
      <AskModal
        kind={ask}
        onClose={() => setAsk(null)}
        onSubmit={(text) => {
          onAction(
            ask === 'hold' ? 'hold' : 'reopen',
            ask === 'hold' ? { question: text } : { reason: text },
          );
          setAsk(null);
        }}
      />
    </Group>
  );
}

const COPY = {
  hold: {
    title: 'Hold for a clinician query',
    label: 'Question for the clinician',
    hint: 'Ask an open, non-leading question, e.g. "Please clarify the type of diabetes documented."',
    min: 10,
  },
  reopen: { title: 'Reopen final coding', label: 'Reason for the correction', hint: '', min: 3 },
};

function AskModal(props: {
  kind: 'hold' | 'reopen' | null;
  onClose: () => void;
  onSubmit: (text: string) => void;
}): ReactElement {
  const copy = COPY[props.kind ?? 'hold'];
  const form = useForm({
    mode: 'controlled',
    initialValues: { text: '' },
    validateInputOnChange: true,
    validate: {
      text: (v) => (v.trim().length < copy.min ? `Write at least ${copy.min} characters.` : null),
    },
  });
  return (
    <Modal opened={props.kind !== null} onClose={props.onClose} title={copy.title}>
      <form
        onSubmit={form.onSubmit((v) => {
          props.onSubmit(v.text.trim());
          form.reset();
        })}
      >
        <Stack>
          <Textarea
            label={copy.label}
            description={copy.hint}
            autosize
            minRows={3}
            data-autofocus
            {...form.getInputProps('text')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit">{props.kind === 'hold' ? 'Put on hold' : 'Reopen'}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
