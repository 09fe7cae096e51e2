/** One Temporal client per process (cached on globalThis so dev hot-reload does not open new connections). */
import { Client, Connection } from '@temporalio/client';
import { env } from '@/lib/env';
import { leadflowDataConverter } from '@/lib/payload-codec';
import { temporalConnectionOptions } from '@/lib/temporal-connection';

const globalForTemporal = globalThis as unknown as { leadflowTemporal?: Promise<Client> };

export function getTemporalClient(): Promise<Client> {
  const e = env();
  globalForTemporal.leadflowTemporal ??= Connection.connect({ ...temporalConnectionOptions(e), connectTimeout: 5_000 })
    .then((connection) => new Client({ connection, namespace: e.TEMPORAL_NAMESPACE, dataConverter: leadflowDataConverter(e.LEADFLOW_PAYLOAD_KEY) }))
    .catch((err: unknown) => {
      globalForTemporal.leadflowTemporal = undefined;
      throw err;
    });
  return globalForTemporal.leadflowTemporal;
}

export function temporalUiLink(workflowId: string): string {
  const e = env();
  return `${e.TEMPORAL_UI_URL}/namespaces/${encodeURIComponent(e.TEMPORAL_NAMESPACE)}/workflows/${encodeURIComponent(workflowId)}`;
}
