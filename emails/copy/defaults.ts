/** Default email copy: the words marketers may override per template in `email_templates.copy`. */
import { z } from 'zod';

export const ctaSchema = z.object({ label: z.string().min(1).max(80), url: z.string().min(1).max(2000) });

/** A block shown only when the lead's last action matches; copy like any other. */
export const actionBlockSchema = z.object({
  heading: z.string().max(200),
  paragraphs: z.array(z.string().max(2000)).max(5),
  cta: ctaSchema.optional(),
});

export const emailCopySchema = z.object({
  subject: z.string().min(1).max(200),
  preheader: z.string().max(200),
  heading: z.string().max(200),
  paragraphs: z.array(z.string().max(2000)).max(12),
  cta: ctaSchema.optional(),
  /** Keyed by last_action (e.g. download_whitepaper); a missing key means no block. */
  blocks: z.record(z.string(), actionBlockSchema).optional(),
});

/** What a marketer may store: any subset of the copy; the rest falls back to the defaults. */
export const emailCopyOverrideSchema = emailCopySchema.partial();

export type EmailCopy = z.infer<typeof emailCopySchema>;
export type EmailCopyOverride = z.infer<typeof emailCopyOverrideSchema>;
export type ActionBlock = z.infer<typeof actionBlockSchema>;

/** Shared by every marketing email so the ROI/pricing blocks read the same everywhere. */
export const DEFAULT_ACTION_BLOCKS: Record<string, ActionBlock> = {
  download_whitepaper: {
    heading: 'Your ROI report',
    paragraphs: [
      'Teams who read the whitepaper usually ask what the numbers look like for them. Our ROI report models open rate, click-through and hand-off time for a team like {{company}}.',
    ],
    cta: { label: 'Get the ROI report', url: '{{site_url}}/roi-report' },
  },
  visit_pricing: {
    heading: 'Comparing plans?',
    paragraphs: [
      'Starter covers one journey and 1,000 leads a month. Growth adds A/B tests, unlimited journeys and CRM hand-off. Scale adds SSO and a dedicated Temporal cluster.',
    ],
    cta: { label: 'Compare plans side by side', url: '{{site_url}}/pricing#compare' },
  },
};

const marketing = (copy: Omit<EmailCopy, 'blocks'>): EmailCopy => ({ ...copy, blocks: DEFAULT_ACTION_BLOCKS });

export const DEFAULT_COPY = {
  'email-a-nurture': marketing({
    subject: '{{first_name}}, a quick idea for your pipeline',
    preheader: 'One small change that stops leads going cold.',
    heading: 'Hi {{first_name}},',
    paragraphs: [
      'Most teams lose track of new leads in the first week: 60% of the leads entered in a CRM get no action in their first 7 days.',
      '{{product_name}} keeps every lead moving with short, relevant emails and hands the ready ones to sales within minutes.',
    ],
    cta: { label: 'See how it works', url: '{{site_url}}/how-it-works' },
  }),
  'email-b-welcome-value': marketing({
    subject: 'Welcome, {{first_name}}: here is what {{product_name}} can do for you',
    preheader: 'Three things teams like yours set up first.',
    heading: 'Welcome, {{first_name}}',
    paragraphs: [
      'Thanks for {{last_action}}. Here is the value most teams get in their first month:',
      'Personalised emails instead of one generic blast: open rates went from 12% to 28%.',
      'Hot leads reach sales in minutes, not hours.',
    ],
    cta: { label: 'Set up your first journey with us', url: '{{site_url}}/get-started' },
  }),
  'email-c-case-study': marketing({
    subject: 'How a team like {{company}} cut hand-off time from 95 to 12 minutes',
    preheader: 'A case study with real numbers.',
    heading: '{{first_name}}, a case study you will recognise',
    paragraphs: [
      'A B2B team was losing hot leads to slow follow-up. After automating nurture and hand-off with {{product_name}}:',
    ],
    cta: { label: 'Read the full case study', url: '{{site_url}}/case-studies/hand-off' },
  }),
  'email-c-demo-invite': marketing({
    subject: '{{first_name}}, want to see it on your own leads?',
    preheader: 'A 20-minute demo, on your data.',
    heading: 'See {{product_name}} on your pipeline',
    paragraphs: [
      'You have been {{last_action}} lately, so a short demo may save you time.',
      'In 20 minutes we will build one journey together and show you the hand-off to sales.',
    ],
    cta: { label: 'Book a demo', url: '{{schedule_link}}' },
  }),
  're-engage': marketing({
    subject: 'Still interested, {{first_name}}?',
    preheader: 'One click keeps you on the list; otherwise we will stop writing.',
    heading: 'Should we keep in touch?',
    paragraphs: [
      'We have not heard from you in a while, and we do not want to crowd your inbox.',
      'If {{product_name}} is still on your radar, tell us and we will send only what matters.',
    ],
    cta: { label: 'Yes, keep me posted', url: '{{site_url}}/stay-subscribed' },
  }),
  'sales-hot-lead': {
    subject: 'Hot lead: {{lead_name}} (score {{score}}), call now',
    preheader: '{{lead_name}} from {{company}} is ready for sales.',
    heading: '@{{owner_name}}, {{lead_name}} is hot: call now',
    paragraphs: ['Reason: {{reason}}.', 'Acknowledge within {{sla_minutes}} minutes, or a reminder goes out.'],
    cta: { label: 'Acknowledge and open the lead', url: '{{ack_url}}' },
  },
  'sales-sla-reminder': {
    subject: 'Reminder: {{lead_name}} has waited {{minutes_waiting}} minutes',
    preheader: 'The hand-off SLA has passed.',
    heading: '{{lead_name}} is still waiting for a call',
    paragraphs: [
      '@{{owner_name}}, this hot lead was handed to you {{minutes_waiting}} minutes ago and has not been acknowledged.',
      'Reason: {{reason}}.',
    ],
    cta: { label: 'Acknowledge now', url: '{{ack_url}}' },
  },
  'sales-escalation': {
    subject: 'Escalation: {{lead_name}} unacknowledged for {{minutes_waiting}} minutes',
    preheader: '{{owner_name}} has not acknowledged a hot lead.',
    heading: 'A hot lead needs an owner',
    paragraphs: [
      '{{lead_name}} ({{company}}, score {{score}}) was handed to {{owner_name}} {{minutes_waiting}} minutes ago and nobody has acknowledged it.',
      'Reason: {{reason}}.',
    ],
    cta: { label: 'Acknowledge and take the lead', url: '{{ack_url}}' },
  },
  'sales-follow-up': {
    subject: 'Follow up with {{lead_name}} now',
    preheader: 'The follow-up date you set has come.',
    heading: '@{{owner_name}}, time to follow up with {{lead_name}}',
    paragraphs: ['You set this date to get back to {{lead_name}} ({{company}}, score {{score}}).', 'Your note: {{reason}}.'],
    cta: { label: 'Open the lead', url: '{{ack_url}}' },
  },
} satisfies Record<string, EmailCopy>;

export type TemplateKey = keyof typeof DEFAULT_COPY;
