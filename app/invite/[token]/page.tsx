/** /invite/<token>: an invited teammate picks a name and password; expired or used links say so. */
import { getDb } from '@/db/client';
import { getTranslations } from 'next-intl/server';
import { InviteForm } from '@/components/auth/invite-form';
import { describeInvitation } from '@/server/services/invitations';

export async function generateMetadata() {
  return { title: (await getTranslations('meta'))('invite') };
}
export const dynamic = 'force-dynamic';

export default async function Page({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await describeInvitation(getDb(), token);
  if (!invitation)
    return (
      <p className="alert" role="alert" data-testid="invite-invalid">
        {(await getTranslations('invite'))('invalid')}
      </p>
    );
  return <InviteForm token={token} email={invitation.email} role={invitation.role} />;
}
