/**
 * oidc: the kubeconfig `auth-provider: {name: oidc}` user, done by us instead of client-node
 * (client-node 1.4 with openid-client 6 passes a string where a URL is required, so its refresh
 * always fails). Like client-go's oidc provider: the id-token is used while it is not expired;
 * then the refresh-token is exchanged at the issuer's token_endpoint (found through
 * /.well-known/openid-configuration) for a new id-token. Every request is bounded (boundedHttp).
 * Refreshed tokens are kept in memory only: unlike kubectl, the kubeconfig file is not rewritten.
 */
import { realClock, type Clock } from '../core/util/clock';
import { boundedRequest, type BoundedRequest } from './boundedHttp';
import { redactSecrets } from './redactSecrets';

/** OidcConfig is an `auth-provider.config` of name oidc, validated; `ca` already read. */
export interface OidcConfig {
  readonly issuer?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly idToken?: string;
  readonly refreshToken?: string;
  readonly extraScopes?: string;
  readonly ca?: Buffer;
}

export interface OidcToken {
  readonly idToken: string;
  /** From the JWT's `exp` claim, in milliseconds; undefined when it has none. */
  readonly expiresAt?: number;
}

export interface OidcAuthOptions {
  config: OidcConfig;
  clock?: Clock;
  /** Injected for tests; defaults to boundedRequest. */
  request?: typeof boundedRequest;
  timeoutMs?: number;
  maxBodyBytes?: number;
}

/** EXPIRY_MARGIN_MS: client-go treats an id-token as expired 10 s before its `exp`. */
const EXPIRY_MARGIN_MS = 10_000;

/**
 * OidcAuth hands out the id-token of one oidc user, refreshing it when it is missing or about to
 * expire (a token without `exp` counts as expired when a refresh is possible, as in client-go).
 * Not re-entrant: its caller (CredentialProvider) runs one fetch at a time. Errors never quote a
 * token.
 */
export class OidcAuth {
  private idToken: string | undefined;
  private refreshToken: string | undefined;
  private readonly config: OidcConfig;
  private readonly clock: Clock;
  private readonly request: typeof boundedRequest;
  private readonly bounds: Pick<BoundedRequest, 'timeoutMs' | 'maxBodyBytes'>;

  constructor(options: OidcAuthOptions) {
    this.config = options.config;
    this.idToken = options.config.idToken || undefined;
    this.refreshToken = options.config.refreshToken || undefined;
    this.clock = options.clock ?? realClock;
    this.request = options.request ?? boundedRequest;
    this.bounds = { timeoutMs: options.timeoutMs, maxBodyBytes: options.maxBodyBytes };
  }

  /**
   * token returns a usable id-token; `forceRefresh` (after a 401) skips the cached one. Rejects
   * when no refresh is possible or the issuer refuses.
   */
  async token(signal?: AbortSignal, forceRefresh = false): Promise<OidcToken> {
    const current = this.idToken;
    const { issuer, clientId } = this.config;
    const canRefresh = !!this.refreshToken && !!issuer && !!clientId;
    if (current && !forceRefresh) {
      const exp = jwtExpiry(current);
      if (exp !== undefined ? exp - EXPIRY_MARGIN_MS > this.clock.now() : !canRefresh) {
        return { idToken: current, expiresAt: exp };
      }
    }
    if (!canRefresh || !issuer || !clientId) {
      throw new Error(
        current
          ? 'the oidc id-token expired and there is no refresh-token, idp-issuer-url or client-id to renew it'
          : 'the oidc user has no id-token and cannot refresh one',
      );
    }
    const endpoint = await this.tokenEndpoint(issuer, signal);
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: this.refreshToken!,
      client_id: clientId,
    });
    if (this.config.clientSecret) form.set('client_secret', this.config.clientSecret);
    if (this.config.extraScopes)
      form.set('scope', ['openid', ...this.config.extraScopes.split(',')].join(' '));
    const res = await this.request({
      url: endpoint,
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      ca: this.config.ca,
      signal,
      clock: this.clock,
      ...this.bounds,
    });
    const body = parseJson(res.body);
    if (res.status !== 200) {
      const reason = [body?.error, body?.error_description].filter((x) => typeof x === 'string').join(': ');
      throw new Error(
        `the oidc issuer refused the refresh (HTTP ${res.status}${reason ? `, ${clean(reason)}` : ''})`,
      );
    }
    if (typeof body?.id_token !== 'string' || body.id_token === '') {
      throw new Error('the oidc issuer answered the refresh without an id_token');
    }
    this.idToken = body.id_token;
    if (typeof body.refresh_token === 'string' && body.refresh_token !== '')
      this.refreshToken = body.refresh_token;
    return { idToken: body.id_token, expiresAt: jwtExpiry(body.id_token) };
  }

  private async tokenEndpoint(issuer: string, signal?: AbortSignal): Promise<string> {
    const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    const res = await this.request({ url, ca: this.config.ca, signal, clock: this.clock, ...this.bounds });
    if (res.status !== 200)
      throw new Error(`oidc discovery at ${issuerHost(issuer)} answered HTTP ${res.status}`);
    const endpoint = parseJson(res.body)?.token_endpoint;
    if (typeof endpoint !== 'string')
      throw new Error(`oidc discovery at ${issuerHost(issuer)} gave no token_endpoint`);
    let parsed: URL;
    try {
      parsed = new URL(endpoint);
    } catch {
      throw new Error(`oidc discovery at ${issuerHost(issuer)} gave an invalid token_endpoint`);
    }
    // Never send the refresh token in clear to an https issuer's http endpoint.
    if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && issuer.startsWith('http:'))) {
      throw new Error(`oidc discovery at ${issuerHost(issuer)} gave a token_endpoint that is not https`);
    }
    return parsed.toString();
  }
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function issuerHost(issuer: string): string {
  try {
    return new URL(issuer).host;
  } catch {
    return 'the issuer';
  }
}

function clean(text: string): string {
  return redactSecrets(text)
    .replace(/\p{C}+/gu, ' ')
    .slice(0, 200);
}

/** jwtExpiry reads the `exp` claim (seconds) of a JWT, in milliseconds; undefined when absent. */
export function jwtExpiry(jwt: string): number | undefined {
  const payload = jwt.split('.')[1];
  if (!payload || payload.length > 64 * 1024) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' && Number.isFinite(claims.exp) ? claims.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
