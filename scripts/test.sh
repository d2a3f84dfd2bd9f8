#!/usr/bin/env bash
# `npm test`: every test. Type check, lint, Vitest (unit + integration: PGlite always, PostgreSQL
# too when DATABASE_URL is set), production build, Playwright end-to-end in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n==> %s\n' "$*"; }

step "type check"
npx --no-install next typegen >/dev/null
npx --no-install tsc --noEmit

step "lint"
npx --no-install eslint --max-warnings=0 .

step "unit + integration tests (backends: pglite${DATABASE_URL:+ + postgres})"
npx --no-install vitest run

step "chromium"
bash scripts/ensure-chromium.sh

step "production build"
NODE_ENV=production npx --no-install next build

step "end-to-end tests"
npx --no-install playwright test
