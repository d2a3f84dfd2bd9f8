#!/bin/sh
# Stands in for Prisma's native schema engine, which cannot be downloaded here.
# `prisma generate` needs a path to exist; migrations use the wasm engine (scripts/db-migrate.ts).
echo "SecureNet: the native Prisma schema engine is not used; see README 'Migrations'." >&2
exit 1
