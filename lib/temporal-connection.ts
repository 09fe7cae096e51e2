/** How the app's client and the worker reach Temporal: address plus TLS (mTLS, custom CA, SNI) or an API key (Temporal Cloud). */
import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/client';

export interface TemporalConnectionSettings {
  TEMPORAL_ADDRESS: string;
  TEMPORAL_TLS?: boolean;
  TEMPORAL_TLS_CERT_PATH?: string;
  TEMPORAL_TLS_KEY_PATH?: string;
  TEMPORAL_TLS_CA_PATH?: string;
  TEMPORAL_TLS_SERVER_NAME?: string;
  TEMPORAL_API_KEY?: string;
}

/** Options both `Connection.connect` and `NativeConnection.connect` take. */
export interface TemporalConnectionOptions {
  address: string;
  tls?: TLSConfig;
  apiKey?: string;
}

function read(variable: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new Error(`${variable}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { cause: err });
  }
}

/** TLS turns on with any TLS setting or an API key (Temporal Cloud requires TLS); a lone cert or key is an error naming the other. */
export function temporalConnectionOptions(s: TemporalConnectionSettings): TemporalConnectionOptions {
  const { TEMPORAL_TLS_CERT_PATH: cert, TEMPORAL_TLS_KEY_PATH: key, TEMPORAL_TLS_CA_PATH: ca, TEMPORAL_TLS_SERVER_NAME: serverName, TEMPORAL_API_KEY: apiKey } = s;
  if (cert && !key) throw new Error('TEMPORAL_TLS_KEY_PATH: set it with TEMPORAL_TLS_CERT_PATH (mTLS needs the client certificate and its key)');
  if (key && !cert) throw new Error('TEMPORAL_TLS_CERT_PATH: set it with TEMPORAL_TLS_KEY_PATH (mTLS needs the client certificate and its key)');
  const wantsTls = Boolean(s.TEMPORAL_TLS || cert || ca || serverName || apiKey);
  const options: TemporalConnectionOptions = { address: s.TEMPORAL_ADDRESS };
  if (wantsTls) {
    options.tls = {
      ...(serverName ? { serverNameOverride: serverName } : {}),
      ...(ca ? { serverRootCACertificate: read('TEMPORAL_TLS_CA_PATH', ca) } : {}),
      ...(cert && key ? { clientCertPair: { crt: read('TEMPORAL_TLS_CERT_PATH', cert), key: read('TEMPORAL_TLS_KEY_PATH', key) } } : {}),
    };
  }
  if (apiKey) options.apiKey = apiKey;
  return options;
}
