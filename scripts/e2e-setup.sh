#!/usr/bin/env bash
# Installs what the real-editor tests need, idempotently: Debian's Chromium, Neovim, ripgrep and libkrb5-dev, and the
# pinned code-server runtime (VS Code 1.100.3) in test/vscode/runtime. A second run does nothing but check.
# Recipe: ../shared/VSCODE-E2E.md ("Install").
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

log() { printf '[e2e-setup] %s\n' "$*"; }

# 1. System packages. Only touch apt when something is missing, so that a warm machine needs no root and no network.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v nvim >/dev/null 2>&1 || missing+=(neovim)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
# code-server's native modules (node-pty, kerberos) fall back to node-gyp builds when no prebuilt binary downloads.
command -v make >/dev/null 2>&1 && command -v g++ >/dev/null 2>&1 || missing+=(build-essential)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
# The kerberos native module of code-server builds against the krb5 headers.
[ -f /usr/include/gssapi/gssapi.h ] || [ -f /usr/include/krb5.h ] || missing+=(libkrb5-dev)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  log "apt-get install ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
else
  log "system packages present (chromium, neovim, ripgrep, libkrb5-dev, build tools)"
fi

# 2. The code-server runtime, pinned by its own lockfile. A stamp holding the lockfile's hash makes a second run free.
runtime=test/vscode/runtime
stamp="$runtime/node_modules/.oom-lens-installed"
want=$(sha256sum "$runtime/package-lock.json" | cut -d' ' -f1)
if [ -x "$runtime/node_modules/.bin/code-server" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  log "code-server runtime present ($(node -p "require('./$runtime/node_modules/code-server/package.json').version"))"
else
  # @vscode/ripgrep's postinstall downloads a binary from GitHub and fails after retries offline: seed its cache
  # with Debian's rg under the name it looks for.
  cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
  tarball="$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
  if [ ! -f "$tarball" ]; then
    mkdir -p "$cache"
    t=$(mktemp -d)
    cp "$(command -v rg)" "$t/rg"
    tar czf "$tarball" -C "$t" rg
    rm -rf "$t"
  fi
  log "npm ci in $runtime (code-server, about 300 MB)"
  # code-server's postinstall stops when run as root without unsafe_perm; yes=true lets node-pty's `npx node-gyp`
  # run without a prompt (the lockfile pins what it fetches).
  (cd "$runtime" && npm_config_unsafe_perm=true npm_config_yes=true npm_config_update_notifier=false \
    npm_config_fund=false npm_config_audit=false npm ci --no-progress --loglevel=error >/dev/null)
  [ -x "$runtime/node_modules/.bin/code-server" ] || { log "code-server did not install"; exit 1; }
  echo "$want" > "$stamp"
fi

log "ready in $((SECONDS - started)) s"
