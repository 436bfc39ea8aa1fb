import { Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
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

/**
 * Save and the status changes this encounter allows; hold asks the clinician query (completion domain),
 * reopen asks the reason for the correction.
 */
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
      <HoldModal
        opened={ask === 'hold'}
        onClose={() => setAsk(null)}
        onSubmit={(v) => {
          onAction('hold', v);
          setAsk(null);
        }}
      />
      <ReopenModal
        opened={ask === 'reopen'}
        onClose={() => setAsk(null)}
        onSubmit={(v) => {
          onAction('reopen', v);
          setAsk(null);
        }}
      />
    </Group>
  );
}

const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
const DEFAULT_OPTIONS = 'Yes\nNo\nOther (please specify)\nClinically undetermined';

/** Hold for query: the question, the answers offered and the due date (sent to the encounter's provider). */
function HoldModal(props: {
  opened: boolean;
  onClose: () => void;
  onSubmit: (v: object) => void;
}): ReactElement {
  const form = useForm({
    mode: 'controlled',
    initialValues: { question: '', options: DEFAULT_OPTIONS, dueOn: inAWeek() },
    validateInputOnChange: true,
    validate: {
      question: (v) => (v.trim().length < 10 ? 'Ask a full question (at least 10 characters).' : null),
      options: (v) =>
        lines(v).length < 2 ? 'Offer at least two answers, one per line, including "other".' : null,
      dueOn: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? null : 'Pick the date the answer is due.'),
    },
  });
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Hold for a clinician query">
      <form
        onSubmit={form.onSubmit((v) => {
          props.onSubmit({ question: v.question.trim(), options: lines(v.options), dueOn: v.dueOn });
          form.reset();
        })}
      >
        <Stack>
          <Textarea
            label="Question for the clinician"
            description='Ask an open, non-leading question, e.g. "Please clarify the type of diabetes documented."'
            autosize
            minRows={3}
            data-autofocus
            {...form.getInputProps('question')}
          />
          <Textarea
            label="Answers offered (one per line)"
            autosize
            minRows={3}
            {...form.getInputProps('options')}
          />
          <TextInput label="Answer due" type="date" {...form.getInputProps('dueOn')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit">Send query and hold</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

const lines = (v: string) =>
  v
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

function ReopenModal(props: {
  opened: boolean;
  onClose: () => void;
  onSubmit: (v: object) => void;
}): ReactElement {
  const form = useForm({
    mode: 'controlled',
    initialValues: { reason: '' },
    validateInputOnChange: true,
    validate: { reason: (v) => (v.trim().length < 3 ? 'Say why (at least 3 characters).' : null) },
  });
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Reopen final coding">
      <form
        onSubmit={form.onSubmit((v) => {
          props.onSubmit({ reason: v.reason.trim() });
          form.reset();
        })}
      >
        <Stack>
          <Textarea
            label="Reason for the correction"
            autosize
            minRows={2}
            data-autofocus
            {...form.getInputProps('reason')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit">Reopen</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
