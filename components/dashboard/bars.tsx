/** A labelled horizontal bar list: enough of a chart for counts, readable by screen readers as plain text. */
import Link from 'next/link';

export function Bars({ items, testId }: { items: { label: string; count: number; href?: string }[]; testId?: string }) {
  const max = Math.max(1, ...items.map((i) => i.count));
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid={testId}>
      {items.map((i) => (
        <li key={i.label} style={{ display: 'grid', gridTemplateColumns: '90px 1fr 44px', gap: 8, alignItems: 'center', marginBottom: 4, fontSize: 13 }}>
          <span>{i.href ? <Link href={i.href}>{i.label}</Link> : i.label}</span>
          <span aria-hidden style={{ background: 'var(--line)', borderRadius: 4, height: 12 }}>
            <span style={{ display: 'block', width: `${(i.count / max) * 100}%`, background: 'var(--accent)', height: '100%', borderRadius: 4 }} />
          </span>
          <span style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{i.count}</span>
        </li>
      ))}
    </ul>
  );
}
