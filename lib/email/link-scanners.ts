/** Tells a person's click from a mail scanner's or a link preview's, so only people move a lead's score. */

/** Crawlers and preview fetchers: never a person, whenever they come. */
const BOTS = /bot\b|bot\/|crawler|spider|preview|slackbot|facebookexternalhit|whatsapp|telegrambot|discordbot|linkedinbot|skypeuripreview|google-safety/i;

/** Security gateways that fetch every link on delivery; their user agents also appear on real clicks later, so they count then. */
const SCANNERS = /barracuda|mimecast|proofpoint|urldefense|safelinks|forcepoint|symantec|messagelabs|trend ?micro|sophos|fireeye|ironport|cisco|microsoft office|ms-office|msoffice|outlook-ios|appengine-google/i;

/** How soon after sending a scanner-like hit is taken for the scanner. */
export const SCANNER_WINDOW_MS = 2 * 60 * 1000;

export function isAutomatedHit(userAgent: string | null | undefined, sentAt: Date | null | undefined, now: Date = new Date()): boolean {
  const ua = userAgent ?? '';
  if (BOTS.test(ua)) return true;
  if (!SCANNERS.test(ua)) return false;
  return !sentAt || now.getTime() - sentAt.getTime() < SCANNER_WINDOW_MS;
}
