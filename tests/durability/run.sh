#!/bin/sh
# run.sh - the durability test of issue 4 (kill -9 while 16 reporters save;
# every acknowledged save survives, whole). Run by `make test-e2e`.
#
#   tests/durability/run.sh ./shishi [--rounds N]
set -eu
exec python3 "$(dirname "$0")/test_durability.py" "$@"
