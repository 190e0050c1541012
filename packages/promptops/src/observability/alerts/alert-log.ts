/** Where alert notices are logged: pino's shape, so a Fastify or pino logger fits as it is. */
export interface AlertLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** JSON lines (`{"level":"warn","time":…,"msg":…,…}`) to `write`: the library's default, on stderr. */
export function jsonLineLogger(write: (line: string) => void): AlertLogger {
  const line = (level: string) => (fields: object, message: string) =>
    write(`${JSON.stringify({ level, time: Date.now(), msg: message, ...fields })}\n`);
  return { info: line('info'), warn: line('warn'), error: line('error') };
}
