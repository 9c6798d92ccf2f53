#!/usr/bin/env bash
# setup.sh: installs what `npm test`, `npm run bench` and `npm run demo` need, idempotently, as
# root on a fresh machine (npm runs it as `pretest` / `prebench`; the demo calls it). Seconds when
# everything is already there.
#   - Debian packages: openssl (the test API server's CA), libkrb5-dev (headers for
#     code-server's `kerberos` module), ripgrep (stands in for @vscode/ripgrep, whose postinstall
#     downloads from GitHub), chromium (the browser that playwright-core drives) and
#     fonts-dejavu-core (readable screenshots).
#   - kubectl, the reference client: preinstalled on these machines, checked, not installed.
#   - Node 24 from the npm registry into .cache/node24 (the newest VS Code's extension host).
#   - code-server, following shared/notes/real-vscode.md, in two versions: the oldest VS Code
#     we support (4.100.3 = VS Code 1.100.3 on Node 20) into .cache/code-server/, and the newest
#     the registry served when this was written (4.139.1 = VS Code 1.139.1, run on Node 24) into
#     .cache/code-server-newest/. A marker file holding the version is written last: while it
#     matches, the install is skipped (a run that failed half-way starts again clean).
# Usage: setup.sh [--oldest-only]  (the demo needs one code-server only).
# Exits non-zero with a message on the first failure. Takes ~5 minutes the first time.
set -euo pipefail

OLDEST_VERSION=4.100.3
NEWEST_VERSION=4.139.1
NODE24_SPEC=node@24
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
APT_PACKAGES=(openssl libkrb5-dev ripgrep chromium fonts-dejavu-core)

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

command -v kubectl >/dev/null 2>&1 ||
  fail "kubectl (the reference client, v1.32, preinstalled on these machines) is not on PATH"

# Node 24 (the newest VS Code's extension host; scripts/check-bundle.ts runs the bundle on it).
NODE24_DIR="$ROOT/.cache/node24"
NODE24="$NODE24_DIR/node_modules/node/bin/node"
if [ -x "$NODE24" ] && "$NODE24" --version | grep -q '^v24\.'; then
  log "node $("$NODE24" --version) present in ${NODE24_DIR#"$ROOT"/}"
else
  log "npm install $NODE24_SPEC into ${NODE24_DIR#"$ROOT"/}"
  rm -rf "$NODE24_DIR"
  mkdir -p "$NODE24_DIR"
  printf '{ "private": true }\n' >"$NODE24_DIR/package.json"
  npm install --prefix "$NODE24_DIR" --loglevel=error "$NODE24_SPEC"
  "$NODE24" --version | grep -q '^v24\.' || fail "$NODE24 is not Node 24"
fi

# install_code_server VERSION DIR NODE: code-server VERSION into DIR, built and run with NODE.
install_code_server() {
  local version=$1 dir=$2 node=$3
  local marker="$dir/.installed-version"
  if [ -f "$marker" ] && [ "$(cat "$marker")" = "$version" ]; then
    log "code-server $version already installed in ${dir#"$ROOT"/}"
    return 0
  fi
  local started=$SECONDS
  log "installing code-server $version into ${dir#"$ROOT"/} (a few minutes)"
  rm -rf "$dir"
  mkdir -p "$dir"
  (
    # Native modules are built for, and npm's scripts run with, the Node that will run the server.
    PATH="$(dirname "$node"):$PATH"
    cd "$dir"
    printf '{ "private": true }\n' >package.json
    log "npm i code-server@$version --ignore-scripts"
    npm i "code-server@$version" --ignore-scripts --no-save --loglevel=error
    local pkg="$dir/node_modules/code-server"
    [ -d "$pkg/lib/vscode" ] || fail "code-server package has no lib/vscode"
    cd "$pkg/lib/vscode"
    log "lib/vscode: npm install --omit=dev --ignore-scripts"
    npm install --omit=dev --ignore-scripts --loglevel=error
    log "lib/vscode: @vscode/ripgrep -> /usr/bin/rg"
    mkdir -p node_modules/@vscode/ripgrep/bin
    ln -sf /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
    log "lib/vscode: npm rebuild (native modules; the optional cpu-features may fail, it is not needed)"
    npm rebuild --loglevel=error || npm rebuild --loglevel=error $(ls node_modules | grep -v '^cpu-features$' | grep -v '^@' || true)
    ln -sfn node_modules node_modules.asar
    (cd bin/remote-cli && ln -sfn code-linux.sh code-server)
    (cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
    log "lib/vscode/extensions: npm install --omit=dev"
    (cd extensions && npm install --omit=dev --loglevel=error)
    cd "$dir"
    if [ -d node_modules/argon2 ]; then
      log "npm rebuild argon2"
      npm rebuild argon2 --loglevel=error
    fi
  )
  local entry="$dir/node_modules/code-server/out/node/entry.js"
  [ -f "$entry" ] || fail "missing $entry"
  # CODE_SERVER_CONFIG: code-server writes a default config there instead of ~/.config/code-server.
  local printed
  printed="$(CODE_SERVER_CONFIG="$dir/config.yaml" "$node" "$entry" --version | grep -m1 -E '^[0-9]+\.' || true)"
  case "$printed" in
    "$version"*) ;;
    *) fail "code-server --version printed '$printed', expected $version" ;;
  esac
  printf '%s' "$version" >"$marker"
  log "code-server $printed installed in $((SECONDS - started))s ($(du -sh "$dir" | cut -f1))"
}

install_code_server "$OLDEST_VERSION" "$ROOT/.cache/code-server" "$(command -v node)"
if [ "${1:-}" != "--oldest-only" ]; then
  install_code_server "$NEWEST_VERSION" "$ROOT/.cache/code-server-newest" "$NODE24"
fi
