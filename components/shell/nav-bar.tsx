'use client';
/** The top navigation: the pages this user's role may use, who is signed in, and sign-out. */
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { authClient } from '@/lib/auth/client';
import { useTRPC } from '@/lib/trpc/client';
import { LocaleSwitch } from './locale-switch';

/** `needs` is a procedure the page cannot work without; the link shows only when the role may call it. */
const LINKS = [
  { href: '/dashboard', label: 'dashboard' },
  { href: '/desk', label: 'desk', needs: 'desk.mine' },
  { href: '/journeys', label: 'journeys' },
  { href: '/leads', label: 'leads' },
  { href: '/forms', label: 'forms' },
  { href: '/emails', label: 'emails' },
  { href: '/blasts', label: 'blasts', needs: 'blasts.list' },
  { href: '/settings', label: 'settings' },
  { href: '/runs', label: 'runs', needs: 'runs.failed' },
  { href: '/audit', label: 'audit', needs: 'audit.list' },
  { href: '/team', label: 'team', needs: 'users.list' },
] as const;

const AUTH_PAGES = ['/sign-in', '/setup', '/reset-password', '/invite'];

export function NavBar() {
  const pathname = usePathname();
  const trpc = useTRPC();
  const t = useTranslations('nav');
  const tr = useTranslations('roles');
  // Hosted forms are the marketer's page for visitors: no app navigation there.
  const visitorPage = pathname.startsWith('/f/');
  const signedOutPage = visitorPage || AUTH_PAGES.some((p) => pathname.startsWith(p));
  const me = useQuery({ ...trpc.me.get.queryOptions(), enabled: !signedOutPage, retry: false });
  const allowed = new Set(me.data?.allowed ?? []);

  async function signOut() {
    await authClient.signOut();
    window.location.assign('/sign-in');
  }

  if (visitorPage) return null;
  return (
    <nav className="nav" aria-label={t('label')}>
      <Link href="/" className="brand">
        Leadflow
      </Link>
      {!signedOutPage &&
        LINKS.filter((l) => !('needs' in l) || allowed.has(l.needs)).map((l) => (
          <Link key={l.href} href={l.href} className={pathname.startsWith(l.href) ? 'active' : undefined} aria-current={pathname.startsWith(l.href) ? 'page' : undefined}>
            {t(l.label)}
          </Link>
        ))}
      {me.data && (
        <span className="nav-user" style={{ marginLeft: 'auto', display: 'flex', gap: 8, alignItems: 'center' }}>
          <span data-testid="signed-in-as" title={me.data.email}>
            {me.data.name} · {tr(me.data.role)}
          </span>
          <LocaleSwitch />
          <button type="button" onClick={() => void signOut()}>
            {t('signOut')}
          </button>
        </span>
      )}
    </nav>
  );
}
