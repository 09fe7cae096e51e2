import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { temporalConnectionOptions } from './temporal-connection';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'leadflow-tls-'));
  await writeFile(path.join(dir, 'client.pem'), 'CERT');
  await writeFile(path.join(dir, 'client.key'), 'KEY');
  await writeFile(path.join(dir, 'ca.pem'), 'CA');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

it('plain address for the dev server', () => {
  expect(temporalConnectionOptions({ TEMPORAL_ADDRESS: '127.0.0.1:7233' })).toEqual({ address: '127.0.0.1:7233' });
});

it('mTLS with a CA and server name for a self-hosted cluster', () => {
  const o = temporalConnectionOptions({
    TEMPORAL_ADDRESS: 'temporal.internal:7233',
    TEMPORAL_TLS_CERT_PATH: path.join(dir, 'client.pem'),
    TEMPORAL_TLS_KEY_PATH: path.join(dir, 'client.key'),
    TEMPORAL_TLS_CA_PATH: path.join(dir, 'ca.pem'),
    TEMPORAL_TLS_SERVER_NAME: 'frontend.temporal.internal',
  });
  expect(o.tls?.serverNameOverride).toBe('frontend.temporal.internal');
  expect(Buffer.from(o.tls!.serverRootCACertificate!).toString()).toBe('CA');
  expect(Buffer.from(o.tls!.clientCertPair!.crt).toString()).toBe('CERT');
  expect(Buffer.from(o.tls!.clientCertPair!.key).toString()).toBe('KEY');
  expect(o.apiKey).toBeUndefined();
});

it('an API key (Temporal Cloud) turns TLS on with the system CAs', () => {
  expect(temporalConnectionOptions({ TEMPORAL_ADDRESS: 'us-east-1.aws.api.temporal.io:7233', TEMPORAL_API_KEY: 'key' })).toEqual({
    address: 'us-east-1.aws.api.temporal.io:7233',
    tls: {},
    apiKey: 'key',
  });
  expect(temporalConnectionOptions({ TEMPORAL_ADDRESS: 'h:7233', TEMPORAL_TLS: true }).tls).toEqual({});
});

it('names the variable when a cert comes without its key or a file cannot be read', () => {
  expect(() => temporalConnectionOptions({ TEMPORAL_ADDRESS: 'h:7233', TEMPORAL_TLS_CERT_PATH: path.join(dir, 'client.pem') })).toThrow(/^TEMPORAL_TLS_KEY_PATH/);
  expect(() => temporalConnectionOptions({ TEMPORAL_ADDRESS: 'h:7233', TEMPORAL_TLS_CA_PATH: path.join(dir, 'nope.pem') })).toThrow(/^TEMPORAL_TLS_CA_PATH: cannot read .*ENOENT/);
});
