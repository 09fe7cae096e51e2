/** The scoring-rule change log: what changed, when, before → after, so a quarter's tuning can be traced. */
import { dateTime, type Outputs } from '@/components/dashboard/format';
import { DataTable, type Column } from '@/components/ui/data-table';

type Change = Outputs['settings']['scoring']['changes'][number];
const FIELDS = ['name', 'points', 'active', 'oncePerLead', 'eventType', 'condition'] as const;
const show = (v: unknown): string => (v === undefined || v === null ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

function diff(c: Change): string[] {
  if (!c.before) return [`created with ${show(c.after?.points)} points`];
  return FIELDS.filter((f) => JSON.stringify(c.before?.[f]) !== JSON.stringify(c.after?.[f])).map((f) => `${f}: ${show(c.before?.[f])} → ${show(c.after?.[f])}`);
}

const COLUMNS: Column<Change>[] = [
  { header: 'When', cell: (c) => dateTime(c.changedAt) },
  // Changes from before sign-in existed have no author.
  { header: 'Who', cell: (c) => c.changedByName ?? 'unknown (before sign-in)', className: (c) => (c.changedByName ? undefined : 'muted'), cellProps: () => ({ 'data-testid': 'change-who' }) },
  { header: 'Rule', cell: (c) => show(c.after?.name ?? c.before?.name) },
  {
    header: 'Change',
    cell: (c) => {
      const lines = diff(c);
      return lines.length ? lines.map((l) => <div key={l}>{l}</div>) : <span className="muted">saved without changes</span>;
    },
  },
];

export function ChangeLog({ changes }: { changes: Change[] }) {
  return (
    <section className="card" aria-labelledby="changelog-h" data-testid="change-log">
      <h2 id="changelog-h">Change log</h2>
      {changes.length === 0 && <p className="muted">No rule has been changed yet.</p>}
      {changes.length > 0 && (
        <DataTable columns={COLUMNS} rows={changes} rowKey={(c) => c.id} />
      )}
    </section>
  );
}
