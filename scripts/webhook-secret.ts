/** Prints the Standard Webhooks secret Leadflow signs with for one endpoint URL: `npm run webhook-secret -- <url>`. */
import { env } from '@/lib/env';
import { endpointSecret } from '@/lib/webhooks/standard';

const url = process.argv[2];
if (!url) {
  console.error('usage: npm run webhook-secret -- https://crm.example.com/hooks/leadflow');
  process.exit(1);
}
console.log(endpointSecret(env().WEBHOOK_SIGNING_SECRET, url));
