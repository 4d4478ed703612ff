#!/usr/bin/env bash
# Installs what is missing (Debian 12), builds Seats in build/ and runs the
# whole test suite headless: Xvfb, a private D-Bus session and private XDG
# directories. Ends with the line "N passed, N failed" (", N skipped").
#
# SEATS_TEST_DATE="2028-02-29 23:59:30" runs the whole suite as if the
# machine's clock said so (through libfaketime): the tests set their own
# clock, and nothing may depend on the day they run.
set -euo pipefail

cd "$(dirname "$0")/.."
source build-aux/common.sh

on_date=()
if [ -n "${SEATS_TEST_DATE:-}" ]; then
  seats_test_packages+=(faketime)
  # The real monotonic clock: timeouts and the main loop keep real time.
  on_date=(env FAKETIME_DONT_FAKE_MONOTONIC=1 faketime "$SEATS_TEST_DATE")
fi

seats_install_missing "${seats_build_packages[@]}" "${seats_test_packages[@]}"

# The SCIM 2.0 service that the interoperability tests run against, not
# written for Seats: SCIMMY, from the npm registry, at the versions of the
# lock file. Node.js comes from Debian where it is not installed already.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  seats_install_missing nodejs npm
fi
if [ ! -d tests/scim-peer/node_modules ] ||
   [ tests/scim-peer/package-lock.json -nt tests/scim-peer/node_modules ]; then
  (cd tests/scim-peer && npm ci --no-audit --no-fund)
fi

seats_configure
meson compile -C build

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch"/{data,config,cache,runtime}
chmod 700 "$scratch/runtime"

set +e
env -u DISPLAY -u WAYLAND_DISPLAY -u DBUS_SESSION_BUS_ADDRESS \
  XDG_DATA_HOME="$scratch/data" \
  XDG_CONFIG_HOME="$scratch/config" \
  XDG_CACHE_HOME="$scratch/cache" \
  XDG_RUNTIME_DIR="$scratch/runtime" \
  xvfb-run --auto-servernum --server-args="-screen 0 1280x1024x24" \
  dbus-run-session -- \
  ${on_date[@]+"${on_date[@]}"} meson test -C build --print-errorlogs "$@" 2>&1 | tee "$scratch/log"
status=${PIPESTATUS[0]}
set -e

count () {
  local value
  value=$(sed -n "s/^$1: *\([0-9][0-9]*\).*/\1/p" "$scratch/log" | tail -n 1)
  echo "${value:-0}"
}

passed=$(( $(count Ok) + $(count "Expected Fail") ))
failed=$(( $(count Fail) + $(count "Unexpected Pass") + $(count Timeout) ))
skipped=$(count Skipped)

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # meson itself failed before it could count (a build error, say).
  failed=1
fi

if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi

exit "$status"
