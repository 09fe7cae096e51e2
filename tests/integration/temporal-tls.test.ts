/** The cluster run's Temporal frontend speaks mTLS only: Leadflow's TLS settings reach it; a client without the CA or without its certificate does not. */
import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { temporalConnectionOptions, type TemporalConnectionSettings } from '@/lib/temporal-connection';

const e = process.env;
const full: TemporalConnectionSettings = {
  TEMPORAL_ADDRESS: e.TEMPORAL_ADDRESS ?? '',
  TEMPORAL_TLS_CA_PATH: e.TEMPORAL_TLS_CA_PATH,
  TEMPORAL_TLS_CERT_PATH: e.TEMPORAL_TLS_CERT_PATH,
  TEMPORAL_TLS_KEY_PATH: e.TEMPORAL_TLS_KEY_PATH,
  TEMPORAL_TLS_SERVER_NAME: e.TEMPORAL_TLS_SERVER_NAME,
};
const without = (...names: (keyof TemporalConnectionSettings)[]) => temporalConnectionOptions(Object.fromEntries(Object.entries(full).filter(([k]) => !names.includes(k as keyof TemporalConnectionSettings))) as TemporalConnectionSettings);

/** The worker's connection (Rust core) dials and calls GetSystemInfo; its error names what the handshake refused. */
async function nativeError(options: ReturnType<typeof temporalConnectionOptions>): Promise<string> {
  try {
    await (await NativeConnection.connect(options)).close();
    return 'connected';
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

// Only `npm test -- integration --cluster` runs a TLS frontend; the dev server of the default run has none.
describe.skipIf(!e.TEMPORAL_TLS_CA_PATH)('Temporal over mTLS (the cluster run)', () => {
  it('the app client and the worker connect with TEMPORAL_TLS_CA_PATH, cert, key and server name set', async () => {
    const options = temporalConnectionOptions(full);
    expect(options.tls?.serverRootCACertificate).toBeDefined();
    const connection = await Connection.connect({ ...options, connectTimeout: 20_000 });
    try {
      const info = await connection.workflowService.getSystemInfo({});
      expect(info.serverVersion).toMatch(/^1\.32\./);
    } finally {
      await connection.close();
    }
    expect(await nativeError(options)).toBe('connected');
  });

  it('without the CA the server certificate is not trusted, and the connection fails', async () => {
    expect(await nativeError(without('TEMPORAL_TLS_CA_PATH'))).toMatch(/UnknownIssuer|certificate/i);
    await expect(Connection.connect({ ...without('TEMPORAL_TLS_CA_PATH'), connectTimeout: 3_000 })).rejects.toThrow();
  });

  it('without a client certificate, or in plaintext, the frontend refuses the connection', async () => {
    expect(await nativeError(without('TEMPORAL_TLS_CERT_PATH', 'TEMPORAL_TLS_KEY_PATH'))).toMatch(/CertificateRequired/);
    expect(await nativeError({ address: full.TEMPORAL_ADDRESS })).toMatch(/transport error/);
  });
});
