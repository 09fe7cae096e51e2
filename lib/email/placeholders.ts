/** The `{{placeholders}}` copy may use, and a check that names unknown ones (with the nearest known name) before they render as nothing. */

export interface Placeholder {
  name: string;
  description: string;
  /** Sales placeholders only exist in sales notifications. */
  salesOnly?: boolean;
}

export const PLACEHOLDERS: readonly Placeholder[] = [
  { name: 'first_name', description: 'Lead’s first name (falls back to “there”)' },
  { name: 'last_name', description: 'Lead’s last name' },
  { name: 'lead_name', description: 'Full name, or the email when there is none' },
  { name: 'email', description: 'Lead’s email address' },
  { name: 'company', description: 'Company (falls back to “your team”)' },
  { name: 'job_title', description: 'Job title' },
  { name: 'phone', description: 'Phone number' },
  { name: 'company_size', description: 'Company size' },
  { name: 'score', description: 'Current lead score' },
  { name: 'last_action', description: 'What the lead last did, as a phrase (“downloading our whitepaper”)' },
  { name: 'last_action_raw', description: 'What the lead last did, as the event type' },
  { name: 'product_name', description: 'Your product’s name (Settings / PRODUCT_NAME)' },
  { name: 'schedule_link', description: 'Link to book a demo (SCHEDULE_LINK)' },
  { name: 'site_url', description: 'Your website’s address (SITE_URL; unset, the sample pages at /site)' },
  { name: 'app_url', description: 'Leadflow’s own address' },
  { name: 'owner_name', description: 'Sales owner’s name', salesOnly: true },
  { name: 'reason', description: 'Why the lead was handed off', salesOnly: true },
  { name: 'ack_url', description: 'Link that acknowledges the hand-off', salesOnly: true },
  { name: 'sla_minutes', description: 'Minutes the owner has to act', salesOnly: true },
  { name: 'minutes_waiting', description: 'Minutes the lead has waited', salesOnly: true },
];

const PATTERN = /\{\{\s*([^}|]*?)\s*(?:\|[^}]*)?\}\}/g;

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

export interface UnknownPlaceholder {
  name: string;
  suggestion: string | null;
  message: string;
}

/** Unknown placeholders in one piece of text; `sales` allows the sales-only ones. */
export function unknownPlaceholders(text: string, { sales = false } = {}): UnknownPlaceholder[] {
  const known = PLACEHOLDERS.filter((p) => sales || !p.salesOnly).map((p) => p.name);
  const out: UnknownPlaceholder[] = [];
  for (const m of text.matchAll(PATTERN)) {
    const name = m[1] ?? '';
    if (known.includes(name) || out.some((u) => u.name === name)) continue;
    const squashed = name.toLowerCase().replace(/[^a-z0-9]/g, '');
    const best = known
      .map((k) => ({ k, d: k.replace(/_/g, '') === squashed ? 0 : distance(name.toLowerCase(), k) }))
      .sort((a, b) => a.d - b.d)[0];
    const suggestion = best && best.d <= 3 ? best.k : null;
    out.push({ name, suggestion, message: `Unknown placeholder {{${name}}}${suggestion ? ` — did you mean {{${suggestion}}}?` : ''}` });
  }
  return out;
}
