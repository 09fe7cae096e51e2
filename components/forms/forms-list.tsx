'use client';
/** The forms list: name, submissions, double opt-in, and links to each form's leads and editor. */
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { formSource } from '@/lib/forms/definition';
import { useTRPC } from '@/lib/trpc/client';

export function FormsList() {
  const trpc = useTRPC();
  const list = useQuery(trpc.forms.list.queryOptions());
  const me = useQuery(trpc.me.get.queryOptions());
  const mayEdit = (me.data?.allowed ?? []).includes('forms.save');
  return (
    <div className="card">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <p className="muted">Each submission becomes a lead with source form:&lt;name&gt;; embed a form on any site you list, or share its hosted page.</p>
        {mayEdit && (
          <Link href="/forms/new" className="button" data-testid="new-form">
            New form
          </Link>
        )}
      </div>
      {list.data?.length === 0 && <p>No forms yet.</p>}
      {list.data && list.data.length > 0 && (
        <table data-testid="forms-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Submissions</th>
              <th>Last submission</th>
              <th>Double opt-in</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data.map((f) => (
              <tr key={f.id}>
                <td>
                  <Link href={`/forms/${f.id}`}>{f.name}</Link>
                </td>
                <td>{f.submissions}</td>
                <td>{f.lastSubmissionAt ? new Date(f.lastSubmissionAt).toLocaleString() : '—'}</td>
                <td>{f.doubleOptIn ? 'on' : 'off'}</td>
                <td>
                  <Link href={`/leads?source=${encodeURIComponent(formSource(f.name))}`}>Leads</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
