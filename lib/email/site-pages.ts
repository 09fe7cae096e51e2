/** The sample pages the default emails link to (under SITE_URL, by default this app's /site), so no call to action lands on a 404. */

export interface SitePage {
  title: string;
  paragraphs: string[];
}

/** Keyed by path below the site address; the default copy links only to these (a test holds it to that). */
export const SITE_PAGES: Readonly<Record<string, SitePage>> = {
  'how-it-works': {
    title: 'How it works',
    paragraphs: [
      'Every new lead gets short, relevant emails based on what it did, not one generic blast.',
      'When a lead is ready — a demo request, a pricing visit, a score of 60 or more — sales gets it within minutes, with a reminder if nobody calls within 15.',
    ],
  },
  'roi-report': {
    title: 'The ROI report',
    paragraphs: [
      'Teams that automated nurture and hand-off saw open rates go from 12% to 28%, click-through from 1.8% to 4.5%, and hand-off time from 95 to 12 minutes.',
      'Lead-to-opportunity conversion went from 8% to 11%: with the same traffic, that is more than a third more pipeline.',
    ],
  },
  pricing: {
    title: 'Plans side by side',
    paragraphs: [
      'Starter: one journey and 1,000 leads a month.',
      'Growth: unlimited journeys, A/B tests and CRM hand-off.',
      'Scale: everything in Growth, plus SSO and a dedicated workflow cluster.',
    ],
  },
  'case-studies/hand-off': {
    title: 'Case study: hand-off from 95 to 12 minutes',
    paragraphs: [
      'A B2B team was losing hot leads to slow follow-up: 60% of new leads got no action in their first week.',
      'After automating nurture and hand-off, hot leads per month went from 120 to 210 and every one reached a salesperson within 15 minutes.',
    ],
  },
  'get-started': {
    title: 'Get started',
    paragraphs: ['Reply to this email or book a short call, and we will set up your first journey with you on your own leads.'],
  },
  'stay-subscribed': {
    title: 'Thanks — you are staying with us',
    paragraphs: ['We will keep writing, and only about what matters to you. You can unsubscribe from any email at any time.'],
  },
};

/** The site address emails link to: SITE_URL when set, else this app's sample pages. */
export const siteUrlFor = (appUrl: string, siteUrl?: string | null) => (siteUrl ?? `${appUrl.replace(/\/+$/, '')}/site`).replace(/\/+$/, '');
