#!/usr/bin/env bash
# Installs what is missing (Debian 12), builds Seats in build/, stages it in
# build/stage and starts `seats --demo`: the window against demo organizations
# served by the reference license server inside the application. Further
# arguments are passed on to seats.
set -euo pipefail

cd "$(dirname "$0")/.."
source build-aux/common.sh

seats_install_missing "${seats_build_packages[@]}"
seats_configure
meson compile -C build
meson install -C build --quiet

stage="$PWD/build/stage"
export XDG_DATA_DIRS="$stage/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
export GSETTINGS_SCHEMA_DIR="$stage/share/glib-2.0/schemas"

exec "$stage/bin/seats" --demo "$@"
