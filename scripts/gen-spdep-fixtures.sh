#!/usr/bin/env bash
# Regenerate test/fixtures/spdep (R + spdep reference values for src/analysis tests).
# Installs Debian's r-cran-spdep when Rscript or spdep is missing and we are root.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! command -v Rscript >/dev/null 2>&1 || ! Rscript -e 'quit(status = !requireNamespace("spdep", quietly = TRUE))' >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installerar r-cran-spdep från Debians paket …" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq r-cran-spdep >&2
  else
    echo "Rscript med spdep saknas: kör som root eller installera r-cran-spdep" >&2
    exit 1
  fi
fi
cd "$ROOT"
Rscript scripts/gen-spdep-fixtures.R "${1:-test/fixtures/spdep}"
