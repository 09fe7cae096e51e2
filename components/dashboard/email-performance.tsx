/** Open and click rates per template and per A/B variant, so the better variant is visible at a glance. */
import { pct, type Outputs } from './format';

type Emails = Outputs['dashboard']['summary']['emails'];
type Row = Emails['templates'][number] & { variant?: string };

function RateTable({ rows, withVariant, caption, testId }: { rows: Row[]; withVariant: boolean; caption: string; testId: string }) {
  return (
    <table data-testid={testId}>
      <caption style={{ textAlign: 'left', fontWeight: 600, padding: '8px 0' }}>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Template</th>
          {withVariant && <th scope="col">Variant</th>}
          <th scope="col">Sent</th>
          <th scope="col">Opened</th>
          <th scope="col">Open rate</th>
          <th scope="col">Clicked</th>
          <th scope="col">Click rate</th>
          <th scope="col">Bounced</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={withVariant ? 8 : 7} className="muted">
              No emails sent yet.
            </td>
          </tr>
        )}
        {rows.map((r) => (
          <tr key={`${r.template}:${r.variant ?? ''}`}>
            <td>{r.template}</td>
            {withVariant && <td>{r.variant}</td>}
            <td>{r.sent}</td>
            <td>{r.opened}</td>
            <td>{pct(r.openRate)}</td>
            <td>{r.clicked}</td>
            <td>{pct(r.clickRate)}</td>
            <td>{r.bounced}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function EmailPerformance({ emails }: { emails: Emails }) {
  return (
    <section className="card" aria-labelledby="emails-h">
      <h2 id="emails-h">Email performance</h2>
      <RateTable rows={emails.templates} withVariant={false} caption="Per template" testId="email-templates" />
      <RateTable rows={emails.variants} withVariant caption="Per A/B variant" testId="email-variants" />
    </section>
  );
}
