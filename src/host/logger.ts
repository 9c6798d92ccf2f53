import * as vscode from 'vscode';
import type { Logger } from '../core/util/logger';

const SECRET =
  /(Bearer\s+)[^\s"']+|("?(?:token|password|client-key-data|id-token|refresh-token)"?\s*[:=]\s*"?)[^\s",}]+/gi;

/** redact removes anything shaped like a credential from a log line (defence in depth). */
export function redact(message: string): string {
  return message.replace(SECRET, (_m, bearer: string | undefined, field: string | undefined) =>
    bearer ? `${bearer}<redacted>` : `${field ?? ''}<redacted>`,
  );
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
