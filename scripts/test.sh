#!/usr/bin/env bash
# The whole suite: unit and single-broker tests, then the fault tests on a 3-broker cluster
# (a run of their own, so brokers going down never slow the other tests). Both always run.
set -u
cd "$(dirname "$0")/.."
npx vitest run --project unit --project kafka "$@"
first=$?
npx vitest run --config vitest.faults.config.ts "$@"
second=$?
exit $(( first || second ))
