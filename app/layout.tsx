import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { TrpcProviders } from '@/lib/trpc/client';
import { NavBar } from '@/components/shell/nav-bar';
import './globals.css';

export const metadata: Metadata = { title: 'Leadflow', description: 'Visual lead-nurturing journeys that run durably on Temporal' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <TrpcProviders>
          <NavBar />
          <main className="page">{children}</main>
        </TrpcProviders>
      </body>
    </html>
  );
}
