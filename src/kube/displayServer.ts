/**
 * displayServer returns a kubeconfig server URL fit to show: any userinfo (`user:password@`) is
 * removed, whatever the URL's shape. Text that does not parse as a URL is returned with anything
 * up to an `@` in its authority removed too. Use it wherever a server URL is shown or logged.
 */
export function displayServer(server: string): string {
  try {
    const url = new URL(server);
    if (url.username || url.password) {
      url.username = '';
      url.password = '';
      return url.toString().replace(/\/$/, server.endsWith('/') ? '/' : '');
    }
    return server;
  } catch {
    // Not a URL: drop "scheme://userinfo@" or a leading "userinfo@".
    return server.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/@\s]*@/i, '$1');
  }
}
