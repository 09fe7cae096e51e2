import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale } from 'next-intl/server';
import { TrpcProviders } from '@/lib/trpc/client';
import { NavBar } from '@/components/shell/nav-bar';
import './globals.css';

export const metadata: Metadata = { title: 'Leadflow', description: 'Visual lead-nurturing journeys that run durably on Temporal' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body>
        {/* Inherits the request's locale, messages and time zone from i18n/request.ts. */}
        <NextIntlClientProvider>
          <TrpcProviders>
            <NavBar />
            <main className="page">{children}</main>
          </TrpcProviders>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
