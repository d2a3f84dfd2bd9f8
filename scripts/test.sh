#!/usr/bin/env bash
# `npm test`: every test. Formatting, dependency rules, type check, lint, Vitest (unit + integration: PGlite always, PostgreSQL
# too when DATABASE_URL is set), production build, Playwright end-to-end in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n==> %s\n' "$*"; }

step "format (Prettier; npm run format fixes it)"
npx --no-install prettier --check . >/dev/null || { npx --no-install prettier --list-different .; echo "unformatted files above: run npm run format"; exit 1; }

step "dependency rules (import cycles, the pure detection engine)"
npm run --silent deps -- --output-type err

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
