'use client';
/** The top navigation: Journeys, Leads, Emails, Settings. */
import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/dashboard', label: 'Dashboard' },
  { href: '/journeys', label: 'Journeys' },
  { href: '/leads', label: 'Leads' },
  { href: '/emails', label: 'Emails' },
  { href: '/settings', label: 'Settings' },
];

export function NavBar() {
  const pathname = usePathname();
  return (
    <nav className="nav" aria-label="Main">
      <Link href="/" className="brand">
        Leadflow
      </Link>
      {LINKS.map((l) => (
        <Link key={l.href} href={l.href} className={pathname.startsWith(l.href) ? 'active' : undefined} aria-current={pathname.startsWith(l.href) ? 'page' : undefined}>
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
