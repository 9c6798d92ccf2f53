/**
 * auth: authentication (bearer tokens, client certificates signed by the server's CA) and an
 * additive RBAC model: a user may do nothing until allowed. Members of `system:masters` may
 * do everything, as on a real cluster.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { RbacRule } from './types';

/** UserInfo is an authenticated identity. */
export interface UserInfo {
  name: string;
  groups: string[];
}

/** Attributes describe one resource request for authorization. */
export interface Attributes {
  verb: string;
  resource: string;
  /** The request's namespace; undefined for cluster-scoped requests and all-namespace lists. */
  namespace: string | undefined;
}

export const ANONYMOUS: UserInfo = { name: 'system:anonymous', groups: ['system:unauthenticated'] };

function asArray(v: string | string[] | undefined): string[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

/** Authenticator maps requests to users. */
export class Authenticator {
  private readonly tokens = new Map<string, UserInfo>();

  addToken(name: string, token: string, groups: string[] = []): void {
    this.tokens.set(token, { name, groups: [...groups, 'system:authenticated'] });
  }

  /** tokenOf returns a token registered for `name`, if any. */
  tokenOf(name: string): string | undefined {
    for (const [token, user] of this.tokens) if (user.name === name) return token;
    return undefined;
  }

  /**
   * authenticate returns the request's user, `undefined` when credentials were presented but are
   * invalid, or ANONYMOUS when none were presented.
   */
  authenticate(req: IncomingMessage): UserInfo | undefined {
    const header = req.headers.authorization;
    if (header !== undefined) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
      return m ? this.tokens.get(m[1]!) : undefined;
    }
    const socket = req.socket as Partial<TLSSocket>;
    if (typeof socket.getPeerCertificate === 'function') {
      const cert = socket.getPeerCertificate();
      if (cert && cert.subject && Object.keys(cert.subject).length > 0) {
        if (!socket.authorized) return undefined;
        const cn = asArray(cert.subject.CN)[0];
        if (!cn) return undefined;
        return { name: cn, groups: [...asArray(cert.subject.O), 'system:authenticated'] };
      }
    }
    return ANONYMOUS;
  }
}

/** Rbac holds additive rules per subject (a user or group name). */
export class Rbac {
  private readonly rules = new Map<string, RbacRule[]>();

  allow(subject: string, rule: RbacRule): void {
    const list = this.rules.get(subject) ?? [];
    list.push({
      verbs: rule.verbs === '*' ? '*' : [...rule.verbs],
      resources: rule.resources === '*' ? '*' : [...rule.resources],
      ...(rule.namespaces ? { namespaces: [...rule.namespaces] } : {}),
    });
    this.rules.set(subject, list);
  }

  /** rulesFor returns the rules that apply to `user` in `namespace` (cluster-wide ones included). */
  rulesFor(user: UserInfo, namespace: string | undefined): RbacRule[] {
    const out: RbacRule[] = [];
    if (user.groups.includes('system:masters')) out.push({ verbs: '*', resources: '*' });
    for (const subject of [user.name, ...user.groups]) {
      for (const r of this.rules.get(subject) ?? []) {
        if (!r.namespaces || (namespace !== undefined && r.namespaces.includes(namespace))) out.push(r);
      }
    }
    return out;
  }

  /** allowed tells whether `user` may perform the request described by `a`. */
  allowed(user: UserInfo, a: Attributes): boolean {
    return this.rulesFor(user, a.namespace).some(
      (r) =>
        (r.verbs === '*' || r.verbs.includes(a.verb) || r.verbs.includes('*')) &&
        (r.resources === '*' || r.resources.includes(a.resource) || r.resources.includes('*')),
    );
  }
}
