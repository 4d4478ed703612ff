#!/bin/sh
# Runs a test program against a real keyring: a gnome-keyring-daemon of its
# own, unlocked with an empty password, on a D-Bus session bus of its own and
# with its own HOME and XDG directories, so that nothing reaches the keyring
# of the person running the tests. Usage: keyring-session.sh PROGRAM [ARGS]
set -eu

if [ "${SEATS_KEYRING_SESSION:-}" != "1" ]; then
  # Always a fresh bus, even inside another private one: the daemon must be
  # the only secret service the test can reach.
  SEATS_KEYRING_SESSION=1 exec dbus-run-session -- sh "$0" "$@"
fi

if ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
  echo "keyring-session.sh: gnome-keyring-daemon is not installed (Debian: gnome-keyring)" >&2
  exit 1
fi

scratch=$(mktemp -d)
mkdir -p "$scratch/home" "$scratch/data" "$scratch/config" "$scratch/runtime"
chmod 700 "$scratch/runtime"
export HOME="$scratch/home"
export XDG_DATA_HOME="$scratch/data"
export XDG_CONFIG_HOME="$scratch/config"
export XDG_RUNTIME_DIR="$scratch/runtime"

# An empty password, as one line: without the line break the daemon finds
# no password and creates no login keyring.
printf '\n' | gnome-keyring-daemon --foreground --unlock --components=secrets \
  >"$scratch/daemon.log" 2>&1 &
daemon=$!

cleanup () {
  kill "$daemon" 2>/dev/null || true
  wait "$daemon" 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT INT TERM

# Wait until the daemon serves the Secret Service on the bus.
tries=0
until gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
        --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null |
      grep -q true; do
  tries=$((tries + 1))
  if [ "$tries" -gt 100 ] || ! kill -0 "$daemon" 2>/dev/null; then
    echo "keyring-session.sh: gnome-keyring-daemon did not start:" >&2
    cat "$scratch/daemon.log" >&2
    exit 1
  fi
  sleep 0.1
done

set +e
"$@"
status=$?
set -e
exit "$status"
