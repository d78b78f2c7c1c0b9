#!/usr/bin/env bash
# Installs every peer of bench/hotspots (Debian 12 + npm). Run as root from the repository:
#   bash bench/hotspots/setup.sh
# Debian:  R + spdep (with dbscan for its kd-tree) + sf (PROJ) + data.table (fread),
#          PostgreSQL 15 + PostGIS 3, GNU time (peak RSS of child processes), a C compiler (floor).
# npm:     @turf/turf, h3-js, proj4 — the bench's own packages (bench/package.json, bench/package-lock.json),
#          installed into bench/node_modules with `npm ci --prefix bench`; Trygg's `npm ci` does not bring them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

APT_PACKAGES=(r-base-core r-cran-spdep r-cran-dbscan r-cran-sf r-cran-data.table
              postgresql postgresql-15-postgis-3 time gcc libc6-dev)

if [ "$(id -u)" = 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${APT_PACKAGES[@]}"
  # Debian starts a cluster on install; the bench starts its own throw-away server on a free port.
  (service postgresql stop || true) >/dev/null 2>&1
else
  echo "not root: install these yourself: apt-get install ${APT_PACKAGES[*]}" >&2
fi

# Node 24, the project's npm dependencies and the bench's own (bench/package.json).
source scripts/env.sh
trygg_ensure_node
trygg_ensure_deps
npm ci --prefix bench --no-audit --no-fund
for m in @turf/turf h3-js proj4; do
  [ -f "bench/node_modules/$m/package.json" ] || { echo "missing $m: npm ci --prefix bench" >&2; exit 1; }
done

Rscript -e 'for (p in c("spdep","dbscan","sf","data.table")) stopifnot(requireNamespace(p, quietly=TRUE)); cat(R.version.string, "spdep", format(packageVersion("spdep")), "\n")'
ls /usr/share/postgresql/*/extension/postgis.control >/dev/null
echo "bench/hotspots: all peers installed. Run: node bench/hotspots/run.ts"
