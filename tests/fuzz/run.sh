#!/bin/sh
# Builds the libFuzzer harnesses of tests/fuzz with clang, AddressSanitizer
# and UndefinedBehaviorSanitizer, and runs each for SECONDS on its seed
# corpus (real answers of seats-server and the inputs that once crashed
# Seats) with the JSON dictionary. New inputs go to BUILDDIR/fuzz/corpus,
# crashes to BUILDDIR/fuzz/crash-*. Exits 77 (skipped) without clang.
#
# Usage: run.sh BUILDDIR SOURCEDIR [SECONDS [HARNESS...]]
set -eu

build=$1
source=$2
seconds=${3:-10}
shift 2
[ $# -gt 0 ] && shift
harnesses=${*:-json api license}

clang=$(command -v clang || true)
if [ -z "$clang" ]; then
  echo "clang is not installed (Debian: clang, libclang-rt-14-dev): the fuzzers were not run"
  exit 77
fi
if ! echo 'int LLVMFuzzerTestOneInput (const char *d, unsigned long n) { return 0; }' |
     "$clang" -x c -fsanitize=fuzzer -o /dev/null - 2>/dev/null; then
  echo "clang cannot link libFuzzer (Debian: libclang-rt-14-dev): the fuzzers were not run"
  exit 77
fi

out="$build/fuzz"
mkdir -p "$out/objects"
flags="-g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
  -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74
  -I$build -I$source/src -I$source/src/domain -I$source/src/json -I$source/src/api
  -I$source/src/license $(pkg-config --cflags glib-2.0 gobject-2.0 gio-2.0 json-glib-1.0 libsoup-3.0 gnutls)"
libs=$(pkg-config --libs glib-2.0 gobject-2.0 gio-2.0 json-glib-1.0 libsoup-3.0 gnutls)

# The layers the decoders and license files need, instrumented; rebuilt
# only when a source is newer than its object.
objects=""
for file in "$source"/src/domain/*.c "$source"/src/json/seats-json-reader.c \
            "$source"/src/api/seats-api-decode.c "$source"/src/api/seats-api-error.c \
            "$source"/src/api/seats-json.c "$source"/src/license/seats-license.c; do
  object="$out/objects/$(basename "$file" .c).o"
  if [ ! -f "$object" ] || [ "$file" -nt "$object" ]; then
    # shellcheck disable=SC2086
    "$clang" $flags -c "$file" -o "$object"
  fi
  objects="$objects $object"
done

status=0
for harness in $harnesses; do
  exe="$out/fuzz-$harness"
  # shellcheck disable=SC2086
  "$clang" $flags -fsanitize=fuzzer "$source/tests/fuzz/fuzz-$harness.c" $objects $libs -o "$exe"
  mkdir -p "$out/corpus/$harness"
  echo "fuzz-$harness: $seconds s"
  # Parsing does not depend on the day: a clock faked for the rest of the
  # suite (LD_PRELOAD of libfaketime) stays out, as it deadlocks the
  # sanitizers' start-up.
  if ! env -u LD_PRELOAD -u FAKETIME "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
         -dict="$source/tests/fuzz/json.dict" -artifact_prefix="$out/crash-$harness-" \
         "$out/corpus/$harness" "$source/tests/fuzz/corpus/$harness" 2>"$out/fuzz-$harness.log"; then
    echo "fuzz-$harness found a problem:"
    tail -n 60 "$out/fuzz-$harness.log"
    status=1
  else
    grep -E "^stat::(number_of_executed_units|new_units_added)" "$out/fuzz-$harness.log" || true
  fi
done

exit $status
