/** Sample props for the React Email preview server, interpolated the same way real sends are. */
import { DEFAULT_COPY, type TemplateKey } from '@/emails/copy/defaults';
import { interpolateCopy, lastActionPhrase } from '@/lib/email/interpolate';
import type { MarketingEmailProps, SalesEmailProps } from './types';

const sampleVars = {
  first_name: 'Linh',
  company: 'Acme',
  product_name: 'Leadflow',
  app_url: 'https://leadflow.example',
  site_url: 'https://www.leadflow.example',
  schedule_link: 'https://cal.leadflow.example/demo',
  last_action: lastActionPhrase('visit_pricing'),
  lead_name: 'Linh Tran',
  owner_name: 'john.doe',
  score: 65,
  reason: "Lead score >= 60, last_action = 'schedule_demo'",
  sla_minutes: 15,
  minutes_waiting: 16,
  ack_url: 'https://leadflow.example/ack/sample',
};

export function previewMarketing(key: TemplateKey, lastAction: string | null = 'visit_pricing'): MarketingEmailProps {
  return {
    copy: interpolateCopy(DEFAULT_COPY[key], sampleVars),
    lastAction,
    productName: 'Leadflow',
    unsubscribeUrl: 'https://leadflow.example/api/unsubscribe?l=sample&s=sample',
  };
}

export function previewSales(key: TemplateKey): SalesEmailProps {
  return {
    copy: interpolateCopy(DEFAULT_COPY[key], sampleVars),
    lead: {
      name: 'Linh Tran',
      email: 'linh@acme.example',
      company: 'Acme',
      jobTitle: 'Head of Growth',
      phone: '+84 90 000 0000',
      score: 65,
      lastAction: 'schedule_demo',
    },
    productName: 'Leadflow',
    ackUrl: 'https://leadflow.example/ack/sample',
    leadUrl: 'https://leadflow.example/leads/sample',
  };
}
