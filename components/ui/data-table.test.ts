import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DataTable, type Column } from './data-table';

type Row = { id: number; name: string; note: string | null };
const columns: Column<Row>[] = [
  { header: 'Name', cell: (r) => r.name },
  { header: 'Note', cell: (r) => r.note ?? '—', className: (r) => (r.note ? undefined : 'muted'), cellProps: () => ({ 'data-testid': 'note' }) },
];
const render = (rows: Row[] | undefined, extra: Record<string, unknown> = {}) =>
  renderToStaticMarkup(createElement(DataTable<Row>, { columns, rows, rowKey: (r) => r.id, empty: 'Nothing yet.', rowProps: (r) => ({ 'data-testid': `row-${r.id}` }), ...extra }));

describe('DataTable', () => {
  it('renders column headers with scope, one row per item with its attributes, and per-row cell classes', () => {
    const html = render([{ id: 1, name: 'Lan', note: 'VIP' }, { id: 2, name: 'Minh', note: null }], { 'data-testid': 'people' });
    expect(html).toContain('<table data-testid="people"><thead><tr><th scope="col">Name</th><th scope="col">Note</th></tr></thead>');
    expect(html).toContain('<tr data-testid="row-1"><td>Lan</td><td data-testid="note">VIP</td></tr>');
    expect(html).toContain('<tr data-testid="row-2"><td>Minh</td><td class="muted" data-testid="note">—</td></tr>');
    expect(html).not.toContain('Nothing yet.');
  });

  it('shows the empty message across all columns once loaded and empty, and nothing while loading', () => {
    expect(render([])).toContain('<tbody><tr><td colSpan="2" class="muted">Nothing yet.</td></tr></tbody>');
    expect(render(undefined)).toContain('<tbody></tbody>');
  });
});
