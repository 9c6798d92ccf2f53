/**
 * displayServer returns a kubeconfig server URL fit to show: any userinfo (`user:password@`, or
 * a bare `token@`) is removed from its authority, whatever the URL's shape, also when it does not
 * parse as a URL. Use it wherever a server URL is shown or logged.
 */
export function displayServer(server: string): string {
  // The authority ends at the first / ? or #; its userinfo ends at its last @.
  return server.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/?#]*@/i, '$1');
}
