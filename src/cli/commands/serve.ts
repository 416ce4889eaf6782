import type { Command } from 'commander';
import { createSteward } from '../../app.js';
import { loadConfig } from '../../config/env.js';

/** `steward serve`: the API, pages and background jobs in one process; stops gracefully on SIGTERM/SIGINT. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the HTTP server (API, public pages, jobs)')
    .option('--policy <file>', 'policy file (default: $STEWARD_POLICY or the example)')
    .option('--port <port>', 'port to listen on (default: $PORT or 8080)')
    .action(async (opts: { policy?: string; port?: string }) => {
      const config = loadConfig(process.env, {
        ...(opts.policy ? { STEWARD_POLICY: opts.policy } : {}),
        ...(opts.port ? { PORT: Number(opts.port) } : {}),
      });
      const steward = await createSteward(config);
      const log = steward.app.http.log;
      let closing = false;
      const stop = (signal: string) => {
        if (closing) return;
        closing = true;
        log.info({ signal }, 'shutting down');
        const force = setTimeout(() => process.exit(1), 10_000);
        force.unref();
        steward.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
      await steward.app.http.listen({ port: config.port, host: config.host });
      steward.scheduler.start();
      log.info(
        {
          database: config.database.kind,
          policy: steward.policy.contentHash.slice(0, 12),
          sweepEveryMinutes: config.sweepIntervalMs / 60_000,
        },
        'steward is listening',
      );
    });
}
