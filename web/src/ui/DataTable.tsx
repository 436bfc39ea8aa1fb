import { Table, Text } from '@mantine/core';
import type { KeyboardEvent, MouseEvent, ReactElement, ReactNode } from 'react';

/** One column: its header and how a row fills the cell. */
export interface Column<T> {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  align?: 'left' | 'right';
}

/** Clicks and keys on these inside a row are theirs, not the row's (a link in the cell stays a link). */
const INTERACTIVE = 'a, button, input, select, textarea, [role="button"], [role="checkbox"]';
const fromControl = (e: MouseEvent | KeyboardEvent) =>
  e.target instanceof Element && e.target !== e.currentTarget && e.target.closest(INTERACTIVE) !== null;

/**
 * A list of records as a table. With `onRowActivate`, each row is one tab stop that opens on click, Enter
 * or Space (WCAG 2.1.1 keyboard: what a mouse can open, a keyboard can too); `rowLabel` names it for
 * screen readers. `footer` takes a PageFooter or KeysetFooter.
 */
export function DataTable<T>(props: {
  label: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  onRowActivate?: (row: T) => void;
  rowLabel?: (row: T) => string;
  /** Extra attributes per row (data-testid, data-state) for styling and tests. */
  rowProps?: (row: T) => Record<string, string | undefined>;
  /** Shown instead of the table when there are no rows: say what to do next. */
  empty?: ReactNode;
  footer?: ReactNode;
  striped?: boolean;
  /** data-testid on the table, or on the empty message in its place. */
  testId?: string;
}): ReactElement {
  const { rows, columns, onRowActivate } = props;
  if (rows.length === 0 && props.empty !== undefined)
    return (
      <>
        <div data-testid={props.testId}>
          {typeof props.empty === 'string' ? <Text>{props.empty}</Text> : props.empty}
        </div>
        {props.footer}
      </>
    );
  return (
    <>
      <Table
        striped={props.striped ?? true}
        highlightOnHover
        aria-label={props.label}
        data-testid={props.testId}
      >
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c.key} ta={c.align}>
                {c.header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr
              key={props.rowKey(row)}
              {...props.rowProps?.(row)}
              {...(onRowActivate && {
                tabIndex: 0,
                'aria-label': props.rowLabel?.(row),
                style: { cursor: 'pointer' },
                onClick: (e: MouseEvent) => {
                  if (!fromControl(e)) onRowActivate(row);
                },
                onKeyDown: (e: KeyboardEvent) => {
                  if ((e.key === 'Enter' || e.key === ' ') && !fromControl(e)) {
                    e.preventDefault();
                    onRowActivate(row);
                  }
                },
              })}
            >
              {columns.map((c) => (
                <Table.Td key={c.key} ta={c.align}>
                  {c.cell(row)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {props.footer}
    </>
  );
}
