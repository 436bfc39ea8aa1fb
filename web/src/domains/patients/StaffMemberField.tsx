import { Checkbox, Fieldset, Stack, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { StaffPicker } from './StaffPicker.tsx';

/** The registration form's "member of staff" answer: unticked, or ticked with the user picked (or not yet). */
export interface StaffMemberValue {
  member: boolean;
  userId: string;
  touched: boolean;
}
export const noStaffMember: StaffMemberValue = { member: false, userId: '', touched: false };

/** Why the answer cannot be sent yet, once the clerk has typed or tried to save. */
export const staffMemberProblem = (v: StaffMemberValue): string | undefined =>
  v.member && v.touched && !v.userId ? 'Choose the member of staff from the list.' : undefined;

/** The request body part: the user whose own record this is (POST /api/patients `staffMember`). */
export const staffMemberBody = (v: StaffMemberValue) =>
  v.member && v.userId ? { staffMember: { userId: v.userId } } : {};

/**
 * "This patient is a member of staff" (issue 23): the new record is linked to the user and restricted as
 * an employee record in the same transaction, so colleagues without a care relationship are refused (or
 * break the glass) and privacy monitoring reviews their reads (docs/privacy-monitoring.md, rules 1–3).
 */
export function StaffMemberField(props: {
  value: StaffMemberValue;
  onChange: (v: StaffMemberValue) => void;
  serverError?: string;
}): ReactElement {
  const { value, onChange } = props;
  return (
    <Fieldset legend="Member of staff">
      <Stack gap="xs">
        <Checkbox
          label="This patient is a member of staff"
          checked={value.member}
          onChange={(e) => onChange({ ...noStaffMember, member: e.currentTarget.checked })}
        />
        {value.member && (
          <>
            <StaffPicker
              onChange={(userId) => onChange({ ...value, userId, touched: true })}
              error={staffMemberProblem(value) ?? props.serverError}
              autoFocus
            />
            <Text size="xs" c="dimmed">
              The record is restricted as a member of staff’s record: colleagues without a care relationship
              cannot open it without breaking the glass, and their reads are reviewed.
            </Text>
          </>
        )}
      </Stack>
    </Fieldset>
  );
}
