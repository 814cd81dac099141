import { ConfigError, exitOnSignal, JsonLogger } from '@app/platform';
import { startConsole } from './start-console';

// The console on its own, beside services run elsewhere (CONSOLE_<SERVICE>_URL, default 127.0.0.1:3001-3004).
startConsole(process.env).then(
  (running) => exitOnSignal(running.stop, new JsonLogger('console')),
  (error: unknown) => {
    process.stderr.write(
      error instanceof ConfigError ? `${error.message}\n` : `console start failed: ${String(error)}\n`,
    );
    process.exit(1);
  },
);
