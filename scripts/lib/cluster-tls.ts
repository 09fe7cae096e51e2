/** mTLS for the cluster's Temporal frontend: a throwaway CA, server and client certificates made with openssl at run time. */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The name the server certificate is issued for; clients check it through TEMPORAL_TLS_SERVER_NAME. */
export const TLS_SERVER_NAME = 'temporal.leadflow.test';

export interface ClusterTls {
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

async function issue(dir: string, name: string, subject: string, extensions: string, ca: { cert: string; key: string }): Promise<{ cert: string; key: string }> {
  const key = path.join(dir, `${name}.key`);
  const csr = path.join(dir, `${name}.csr`);
  const cert = path.join(dir, `${name}.pem`);
  const ext = path.join(dir, `${name}.ext`);
  await writeFile(ext, extensions);
  await run('openssl', ['req', ...EC, '-keyout', key, '-out', csr, '-subj', subject]);
  await run('openssl', ['x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial', '-out', cert, '-days', '2', '-extfile', ext]);
  return { cert, key };
}

export async function makeClusterCerts(dir: string): Promise<ClusterTls> {
  await mkdir(dir, { recursive: true });
  const ca = { cert: path.join(dir, 'ca.pem'), key: path.join(dir, 'ca.key') };
  await run('openssl', ['req', '-x509', ...EC, '-keyout', ca.key, '-out', ca.cert, '-days', '2', '-subj', '/CN=Leadflow test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  const server = await issue(dir, 'server', `/CN=${TLS_SERVER_NAME}`, `subjectAltName=DNS:${TLS_SERVER_NAME},IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\nkeyUsage=critical,digitalSignature\n`, ca);
  const client = await issue(dir, 'client', '/CN=leadflow-worker', 'extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n', ca);
  return { ca: ca.cert, serverCert: server.cert, serverKey: server.key, clientCert: client.cert, clientKey: client.key };
}

/** The server's `global.tls` block: the frontend demands a client certificate from our CA; the system worker presents one. */
export function tlsConfig(t: ClusterTls): string {
  const client = `serverName: "${TLS_SERVER_NAME}"
        rootCaFiles: ["${t.ca}"]`;
  return `  tls:
    frontend:
      server:
        certFile: "${t.serverCert}"
        keyFile: "${t.serverKey}"
        requireClientAuth: true
        clientCaFiles: ["${t.ca}"]
    systemWorker:
      certFile: "${t.clientCert}"
      keyFile: "${t.clientKey}"
      client:
        ${client}
`;
}

/** Leadflow's own settings (lib/temporal-connection.ts) for a client of this cluster. */
export function leadflowTlsEnv(t: ClusterTls): Record<string, string> {
  return { TEMPORAL_TLS_CA_PATH: t.ca, TEMPORAL_TLS_CERT_PATH: t.clientCert, TEMPORAL_TLS_KEY_PATH: t.clientKey, TEMPORAL_TLS_SERVER_NAME: TLS_SERVER_NAME };
}

/** The same for the `temporal` CLI, whose flags are spelled differently. */
export function cliTlsArgs(t: ClusterTls): string[] {
  return ['--tls-ca-path', t.ca, '--tls-cert-path', t.clientCert, '--tls-key-path', t.clientKey, '--tls-server-name', TLS_SERVER_NAME];
}
