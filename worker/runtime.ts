/** The worker's Temporal Runtime: SDK and Core logs go through pino, and Core's metrics to a Prometheus port of their own. */
import { Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import type { LogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import type { Logger } from '@/lib/log';

const PINO_LEVEL = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

/** Adapts a pino logger to the SDK's Logger interface (workflow and activity context loggers land here too). */
export function temporalLogger(logger: Logger): TemporalLogger {
  const at = (level: LogLevel) => (message: string, meta?: LogMetadata) => logger[PINO_LEVEL[level]](meta ?? {}, message);
  return {
    log: (level, message, meta) => at(level)(message, meta),
    trace: at('TRACE'),
    debug: at('DEBUG'),
    info: at('INFO'),
    warn: at('WARN'),
    error: at('ERROR'),
  };
}

export interface RuntimeSettings {
  logger: Logger;
  /** e.g. `0.0.0.0:9464`: Core serves /metrics there (schedule-to-start latency, slots in use, polls). */
  metricsBindAddress?: string;
}

/** Must run before the first NativeConnection or Worker is created in this process. */
export function installWorkerRuntime(settings: RuntimeSettings): Runtime {
  // Core is chatty at INFO; it follows pino only when someone asks for debug or trace.
  const level: LogLevel = settings.logger.level === 'debug' ? 'DEBUG' : settings.logger.level === 'trace' ? 'TRACE' : 'WARN';
  return Runtime.install({
    logger: temporalLogger(settings.logger),
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: level }), forward: {} },
      ...(settings.metricsBindAddress ? { metrics: { prometheus: { bindAddress: settings.metricsBindAddress } } } : {}),
    },
  });
}
