# Shared by run-demo.sh and run-tests.sh: the Debian 12 packages Seats needs,
# installing only those that are missing, and the one build directory.

# What building and running Seats needs.
seats_build_packages=(
  gcc
  meson
  ninja-build
  pkg-config
  gettext
  libglib2.0-dev
  libglib2.0-dev-bin
  libglib2.0-bin
  libgtk-4-dev
  libadwaita-1-dev
  libsoup-3.0-dev
  libjson-glib-dev
  libsqlite3-dev
  libsecret-1-dev
  libical-dev
  libcsv-dev
  libportal-gtk4-dev
  libgnutls28-dev
  desktop-file-utils
  appstream
  adwaita-icon-theme
  hicolor-icon-theme
  fonts-cantarell
)

# What running the tests headless needs besides.
seats_test_packages=(
  xvfb
  xauth
  dbus
  gnome-keyring
  locales-all
  clang
  libclang-rt-14-dev
)

seats_install_missing () {
  local missing=()
  local package

  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$package")
    fi
  done

  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi

  echo "Installing missing packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  else
    echo "These packages are missing and installing them needs root: ${missing[*]}" >&2
    return 1
  fi
}

# Configures build/ if it is not there yet. The tests run under
# AddressSanitizer and UndefinedBehaviorSanitizer; `seats` is staged into
# build/stage so that it runs with its settings schema, icons and translations.
seats_configure () {
  if [ ! -f build/build.ninja ]; then
    meson setup build \
      --prefix="$PWD/build/stage" \
      -Db_sanitize=address,undefined
  fi
}
