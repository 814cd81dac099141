import type { LoggerService } from '@nestjs/common';
import type { LogLevel } from '../config/environment.variables';
import { requestContext } from './request-context';

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

/** One JSON object per line on stdout, with the service and the current correlation id, for log shippers. */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly service: string,
    private readonly level: LogLevel = 'info',
    private readonly write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  ) {}

  // Nest's LoggerService methods, each at the level it logs at (verbose is debug, fatal an error).
  log = this.logsAt('info');
  error = this.logsAt('error');
  warn = this.logsAt('warn');
  debug = this.logsAt('debug');
  verbose = this.logsAt('debug');
  fatal = this.logsAt('error');

  /** Logs with extra structured fields (e.g. { event, partition }). */
  info(message: string, fields: Record<string, unknown>, context?: string) {
    this.emit('info', message, context ? [context] : [], fields);
  }

  private logsAt(level: LogLevel) {
    return (message: unknown, ...params: unknown[]) => this.emit(level, message, params);
  }

  private emit(level: LogLevel, message: unknown, params: unknown[], fields?: Record<string, unknown>) {
    if (RANK[level] > RANK[this.level]) return;
    // Nest passes the context as the last string parameter and a stack before it for errors.
    const rest = [...params];
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const stack = typeof rest[0] === 'string' ? (rest.shift() as string) : undefined;
    const ctx = requestContext.current();
    const entry: Record<string, unknown> = {
      ...fields,
      time: new Date().toISOString(),
      level,
      service: this.service,
      context,
      msg: message instanceof Error ? message.message : typeof message === 'string' ? message : JSON.stringify(message),
      correlationId: ctx?.correlationId,
    };
    if (message instanceof Error) entry.stack = message.stack;
    else if (stack && level === 'error') entry.stack = stack;
    this.write(JSON.stringify(entry));
  }
}
