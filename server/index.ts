/** The process entry point: parse config, start, and shut down cleanly on SIGTERM/SIGINT. */
import { ConfigError, loadConfig } from './config';
import { startServer } from './main';

async function run(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`minato-hall: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const server = await startServer(config);
  const where = config.publicUrl ?? `http://localhost:${server.port}`;
  process.stdout.write(`Minato Hall is open at ${where}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.log.info({ signal }, 'shutting down');
    server
      .close()
      .then(() => process.exit(0))
      .catch((err) => {
        server.log.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

run().catch((err) => {
  process.stderr.write(`minato-hall: could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
