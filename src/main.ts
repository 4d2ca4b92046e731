import { ConfigError, loadConfig } from './config.js';
import { DataDirDamagedError, DataDirInitError, DataDirLockedError } from './db/index.js';
import { createLogger } from './observability/logger.js';
import { startRuntime } from './runtime.js';

/** Composition root: the only place that reads the environment (through loadConfig) and handles signals. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel });
  const runtime = await startRuntime(config, { logger, yieldCpuToAcks: true });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await runtime.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  // Problems the operator can fix get their message alone; anything else keeps its stack for a bug report.
  if (error instanceof DataDirLockedError || error instanceof DataDirDamagedError || error instanceof DataDirInitError) {
    console.error(`Integration Architect failed to start: ${error.message}`);
    process.exit(1);
  }
  console.error('Integration Architect failed to start:', error);
  process.exit(1);
});
