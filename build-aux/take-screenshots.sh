#!/usr/bin/env bash
# Takes the screenshots of data/screenshots/: each page of `seats --demo` in
# English, Dutch and Swedish, on a virtual display, at one window size.
# Needs the staged build of build-aux/run-demo.sh, Xvfb, xdotool and
# ImageMagick's import.
set -euo pipefail

cd "$(dirname "$0")/.."
source build-aux/common.sh

seats_install_missing "${seats_build_packages[@]}" xvfb xdotool imagemagick dbus
seats_configure
meson compile -C build
meson install -C build --quiet

stage="$PWD/build/stage"
out="$PWD/data/screenshots"
mkdir -p "$out"

display=:87
Xvfb "$display" -screen 0 1400x1000x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1

shoot () {
  local lang=$1 locale=$2
  local log
  log=$(mktemp)

  env DISPLAY="$display" LANGUAGE="$lang" LANG="$locale" LC_ALL="$locale" \
    XDG_DATA_DIRS="$stage/share:/usr/share" \
    GSETTINGS_SCHEMA_DIR="$stage/share/glib-2.0/schemas" GSETTINGS_BACKEND=memory \
    setsid dbus-run-session -- "$stage/bin/seats" --demo >"$log" 2>&1 &
  local app=$!

  local window=""
  for _ in $(seq 1 50); do
    window=$(DISPLAY="$display" xdotool search --onlyvisible --name '^Seats$' 2>/dev/null | tail -n 1 || true)
    [ -n "$window" ] && break
    sleep 0.2
  done
  if [ -z "$window" ]; then
    echo "The window did not appear for $lang:" >&2
    cat "$log" >&2
    kill -- -$app 2>/dev/null || true
    return 1
  fi

  DISPLAY="$display" xdotool windowmove "$window" 0 0 windowsize "$window" 1200 820
  # The first sync of the demo, and the layout at the new size.
  sleep 4

  local key page
  for page in licenses users billing; do
    case $page in
      licenses) key=ctrl+1 ;;
      users) key=ctrl+2 ;;
      billing) key=ctrl+3 ;;
    esac
    # There is no window manager on the virtual display: focus directly.
    DISPLAY="$display" xdotool windowfocus --sync "$window" key "$key"
    sleep 1.5
    DISPLAY="$display" import -window root -crop 1200x820+0+0 +repage "$out/$page-$lang.png"
  done

  # The whole session: the bus and Seats with it.
  kill -- -$app 2>/dev/null || true
  wait $app 2>/dev/null || true
  sleep 1
  rm -f "$log"
}

shoot en C.UTF-8
shoot nl nl_NL.UTF-8
shoot sv sv_SE.UTF-8

ls -l "$out"
