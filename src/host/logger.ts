import * as vscode from 'vscode';
import { TEXT_LIMITS } from '../core/text/sanitize';
import { serverText } from '../core/text/serverText';
import type { Logger } from '../core/util/logger';

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
 * channel. Every line passes through `redact`: credentials never reach the log.
 */
export function createOutputLogger(): Logger & vscode.Disposable {
  const channel = vscode.window.createOutputChannel('Kube Events', { log: true });
  return {
    debug: (m) => channel.debug(redact(m)),
    info: (m) => channel.info(redact(m)),
    warn: (m) => channel.warn(redact(m)),
    error: (m) => channel.error(redact(m)),
    dispose: () => channel.dispose(),
  };
}
