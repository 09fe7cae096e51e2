/** The bounce-rate alert: loud when more than 5 % of recent mail bounced (an expired key or a blocked domain), silent otherwise. */
import { pct } from '@/components/dashboard/format';

export function BounceAlert({ bounce }: { bounce: { sent: number; bounced: number; rate: number; alert: boolean; sinceDays?: number } }) {
  if (!bounce.alert) return null;
  return (
    <div className="alert" role="alert" data-testid="bounce-alert">
      Bounce rate is {pct(bounce.rate)}: {bounce.bounced} of {bounce.sent} emails sent in the last {bounce.sinceDays ?? 7} days bounced (alert above 5 %).
      Check the sending domain and the Resend API key, and clean the list before sending more.
    </div>
  );
}
