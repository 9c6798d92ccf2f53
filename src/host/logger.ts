import * as vscode from 'vscode';
import { TEXT_LIMITS } from '../core/text/sanitize';
import { serverText } from '../core/text/serverText';
import type { Logger } from '../core/util/logger';
import { LogLimiter } from './logLimiter';

/**
 * redact prepares a log line: credentials redacted (core/text redactSecrets: bearer and basic
 * credentials, Authorization headers, URL userinfo, password/token/secret fields, `user "x:pass"`,
 * `refresh token X`, JWTs), then sanitised (visible control, bidi and zero-width characters;
 * newlines and tabs kept) and capped at TEXT_LIMITS.logLine. Defence in depth: callers already
 * keep credentials out of messages, but an error body echoed by a server or proxy may not.
 */
export function redact(message: string): string {
  return serverText(message, { max: TEXT_LIMITS.logLine, multiline: true });
}

/**
 * createOutputLogger returns the extension's Logger, writing to the "Kube Events" log output
 * channel. Every line passes through `redact` (credentials never reach the log), then through a
 * LogLimiter: each context writes a few lines at once and then at most one a minute, with a
 * summary of what was held back, however hard its connection flaps. Disposing writes the
 * pending summaries, then closes the channel.
 */
export function createOutputLogger(): Logger & vscode.Disposable {
  const channel = vscode.window.createOutputChannel('Kube Events', { log: true });
  const limiter = new LogLimiter({
    sink: {
      debug: (m) => channel.debug(m),
      info: (m) => channel.info(m),
      warn: (m) => channel.warn(m),
      error: (m) => channel.error(m),
    },
  });
  return {
    debug: (m) => limiter.debug(redact(m)),
    info: (m) => limiter.info(redact(m)),
    warn: (m) => limiter.warn(redact(m)),
    error: (m) => limiter.error(redact(m)),
    dispose: () => {
      limiter.dispose();
      channel.dispose();
    },
  };
}
