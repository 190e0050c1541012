import type { Database } from '../../store/index.ts';

/** A line to the log, as the server's logger and the CLI's stderr both take it. */
export interface ExperimentLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** What experiment operations need: the store, a clock (tests move it) and where to log endings. */
export interface ExperimentDeps {
  db: Database;
  clock?: () => Date;
  log?: ExperimentLogger;
}

export const nowOf = (deps: ExperimentDeps): Date => (deps.clock ?? (() => new Date()))();
