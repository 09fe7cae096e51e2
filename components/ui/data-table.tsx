/** The one table markup every list page uses: column headers with scope, one row per item, an optional empty row. */
import type { ComponentProps, CSSProperties, ReactNode } from 'react';

export interface Column<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** A class for this column's cells, or one per row (e.g. muted when a value is missing). */
  className?: string | ((row: T) => string | undefined);
  style?: CSSProperties;
  /** Extra attributes on this column's cells (e.g. a data-testid). */
  cellProps?: (row: T) => ComponentProps<'td'> & Record<`data-${string}`, string | undefined>;
}

type RowProps = ComponentProps<'tr'> & Record<`data-${string}`, string | undefined>;

export interface DataTableProps<T> extends Omit<ComponentProps<'table'>, 'children'> {
  columns: readonly Column<T>[];
  /** Undefined while loading: no rows and no empty message yet. */
  rows: readonly T[] | undefined;
  rowKey: (row: T) => string | number;
  rowProps?: (row: T) => RowProps;
  /** Shown in one full-width row when the loaded list is empty. */
  empty?: ReactNode;
}

export function DataTable<T>({ columns, rows, rowKey, rowProps, empty, ...table }: DataTableProps<T>) {
  return (
    <table {...table}>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i} scope="col">
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows?.length === 0 && empty !== undefined && (
          <tr>
            <td colSpan={columns.length} className="muted">
              {empty}
            </td>
          </tr>
        )}
        {rows?.map((row) => (
          <tr key={rowKey(row)} {...rowProps?.(row)}>
            {columns.map((c, i) => (
              <td key={i} className={typeof c.className === 'function' ? c.className(row) : c.className} style={c.style} {...c.cellProps?.(row)}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
