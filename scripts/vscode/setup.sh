#!/usr/bin/env bash
# setup.sh: installs what the real-VS Code tests need, idempotently, as root on a fresh machine.
#   - Debian packages: libkrb5-dev (headers for code-server's `kerberos` module), ripgrep (stands
#     in for @vscode/ripgrep, whose postinstall downloads from GitHub), chromium (the browser that
#     playwright-core drives) and fonts-dejavu-core (readable screenshots).
#   - code-server $CODE_SERVER_VERSION (VS Code 1.100.3 on Node 20) into .cache/code-server/,
#     following shared/notes/real-vscode.md. A marker file holding the version is written last:
#     while it matches, the install is skipped (a run that failed half-way starts again clean).
# Exits non-zero with a message on the first failure. Takes ~3-4 minutes the first time.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DIR="$ROOT/.cache/code-server"
MARKER="$DIR/.installed-version"
APT_PACKAGES=(libkrb5-dev ripgrep chromium fonts-dejavu-core)

log() { printf '[setup] %s\n' "$*"; }
fail() {
  printf '[setup] FAILED: %s\n' "$*" >&2
  exit 1
}
trap 'fail "command failed (exit $?) at line $LINENO: $BASH_COMMAND"' ERR

# npm is set to yes=false here: node-pty's install script calls `npx node-gyp`, which must not ask.
export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" != "install ok installed" ]; then
    missing+=("$pkg")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || fail "Debian packages missing (${missing[*]}) and not root: apt-get install -y ${missing[*]}"
  log "apt-get update"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq || fail "apt-get update"
  log "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
    fail "apt-get install ${missing[*]}"
else
  log "Debian packages present: ${APT_PACKAGES[*]}"
fi

if [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$CODE_SERVER_VERSION" ]; then
  log "code-server $CODE_SERVER_VERSION already installed in ${DIR#"$ROOT"/}"
  exit 0
fi

started=$SECONDS
log "installing code-server $CODE_SERVER_VERSION into ${DIR#"$ROOT"/} (a few minutes)"
rm -rf "$DIR"
mkdir -p "$DIR"
cd "$DIR"
printf '{ "private": true }\n' >package.json

log "npm i code-server@$CODE_SERVER_VERSION --ignore-scripts"
npm i "code-server@$CODE_SERVER_VERSION" --ignore-scripts --no-save --loglevel=error

PKG="$DIR/node_modules/code-server"
[ -d "$PKG/lib/vscode" ] || fail "code-server package has no lib/vscode"

cd "$PKG/lib/vscode"
log "lib/vscode: npm install --omit=dev --ignore-scripts"
npm install --omit=dev --ignore-scripts --loglevel=error
log "lib/vscode: @vscode/ripgrep -> /usr/bin/rg"
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
log "lib/vscode: npm rebuild (native modules)"
npm rebuild --loglevel=error
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
log "lib/vscode/extensions: npm install --omit=dev"
(cd extensions && npm install --omit=dev --loglevel=error)

cd "$DIR"
log "npm rebuild argon2"
npm rebuild argon2 --loglevel=error

ENTRY="$PKG/out/node/entry.js"
[ -f "$ENTRY" ] || fail "missing $ENTRY"
# CODE_SERVER_CONFIG: code-server writes a default config there instead of ~/.config/code-server.
version="$(CODE_SERVER_CONFIG="$DIR/config.yaml" node "$ENTRY" --version | grep -m1 -E '^[0-9]+\.' || true)"
case "$version" in
  "$CODE_SERVER_VERSION"*) ;;
  *) fail "code-server --version printed '$version', expected $CODE_SERVER_VERSION" ;;
esac
printf '%s' "$CODE_SERVER_VERSION" >"$MARKER"
log "code-server $version installed in $((SECONDS - started))s ($(du -sh "$DIR" | cut -f1))"
