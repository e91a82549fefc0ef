import { ConfigurationError } from './config';
import { AppConfig } from './config';
import { createApp } from './app.factory';

async function bootstrap(): Promise<void> {
  const app = await createApp();
  const { port, host, shutdownTimeoutMs } = app.get(AppConfig).http;
  // If draining takes too long, leave anyway; the embedded database's watchdog still stops FerretDB.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => setTimeout(() => process.exit(1), shutdownTimeoutMs).unref());
  }
  await app.listen(port, host);
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigurationError) {
    console.error(error.message);
  } else {
    console.error(
      'Start-up failed:',
      error instanceof Error ? (error.stack ?? error.message) : error,
    );
  }
  process.exit(1);
});
