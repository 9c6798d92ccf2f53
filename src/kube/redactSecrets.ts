/**
 * redactSecrets, for what src/kube reads from outside (an exec plugin's stderr, an OIDC issuer's
 * error): the one redaction rule set of src/core/text/redact.ts, so that a credential is
 * redacted the same way whether it reaches a log, a status or a tooltip.
 */
export { redactSecrets } from '../core/text/redact';
