/**
 * Logger is where src/core reports what it does. Messages never contain credentials: callers
 * pass URLs without tokens and error messages through `errorMessage`.
 */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** nullLogger drops everything (the default in src/core). */
export const nullLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
