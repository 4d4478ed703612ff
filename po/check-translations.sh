#!/bin/sh
# Every catalogue of po/LINGUAS is complete, valid and keeps to the glossary.
#
# usage: check-translations.sh PO_DIR
#
# For each language: msgfmt --check accepts the catalogue, no message is
# untranslated or fuzzy, and no translation uses a word that GLOSSARY.md's
# "Words Seats does not use" table lists for that language (case ignored).
# And every file of src/ and data/ that marks a string for translation is
# in POTFILES.in, so that no string is left out of the catalogues.
# Prints one line per problem and exits non-zero when there is any.

set -u

po_dir=${1:?usage: check-translations.sh PO_DIR}
glossary=$po_dir/GLOSSARY.md
status=0
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

fail () {
  echo "$*"
  status=1
}

# The table's rows: "| nl | word | instead |".
sed -n '/^## Words Seats does not use/,/^## /p' "$glossary" \
  | awk -F'|' 'NF >= 5 && $2 !~ /Language|---/ {
      gsub(/^ +| +$/, "", $2); gsub(/^ +| +$/, "", $3); gsub(/^ +| +$/, "", $4);
      sub(/^`/, "", $3); sub(/`$/, "", $3);
      print $2 "\t" $3 "\t" $4 }' > "$scratch/banned"

if [ ! -s "$scratch/banned" ]; then
  fail "$glossary: no table of words Seats does not use"
fi

for lang in $(sed 's/#.*//' "$po_dir/LINGUAS"); do
  po=$po_dir/$lang.po

  if ! msgfmt --check --statistics -o /dev/null "$po" 2> "$scratch/msgfmt"; then
    fail "$lang.po: msgfmt --check refuses it:"
    cat "$scratch/msgfmt"
    continue
  fi

  untranslated=$(msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid ' || true)
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$po" | grep -c '^msgid ' || true)
  # msgattrib prints the header entry too when it prints anything.
  [ "$untranslated" -gt 1 ] && fail "$lang.po: untranslated messages: $((untranslated - 1))"
  [ "$fuzzy" -gt 1 ] && fail "$lang.po: fuzzy messages: $((fuzzy - 1))"

  # The translations alone, one line each, without the header entry.
  msgattrib --no-wrap --no-obsolete "$po" \
    | awk '/^msgid ""$/ && !seen { header = 1; seen = 1; next }
           /^msgid/ { header = 0 }
           /^msgstr/ && !header { sub(/^msgstr(\[[0-9]+\])? "/, ""); sub(/"$/, ""); print }' \
    > "$scratch/$lang.msgstr"

  while IFS="$(printf '\t')" read -r word_lang word instead; do
    [ "$word_lang" = "$lang" ] || continue
    grep -iF -- "$word" "$scratch/$lang.msgstr" > "$scratch/hits"
    if [ -s "$scratch/hits" ]; then
      fail "$lang.po: says \"$word\" where the glossary says \"$instead\":"
      sed 's/^/    /' "$scratch/hits"
    fi
  done < "$scratch/banned"
done

# Marked in C with _(), N_(), C_(), NC_() or ngettext (), in a .ui file
# with translatable="yes", in the data files with translatable text.
top=$po_dir/..
grep -rlE '(^|[^A-Za-z0-9_])(N?C?_|ngettext) ?\(|translatable="yes"' \
    "$top/src" "$top/data" --include='*.c' --include='*.ui' --include='*.in' --include='*.xml' \
  | sed "s|^$top/||" | sort > "$scratch/marked"
sed 's/#.*//; /^[[:space:]]*$/d' "$po_dir/POTFILES.in" | sort > "$scratch/listed"
comm -23 "$scratch/marked" "$scratch/listed" | while read -r missing; do
  echo "POTFILES.in: $missing marks strings for translation but is not listed"
done > "$scratch/unlisted"
if [ -s "$scratch/unlisted" ]; then
  cat "$scratch/unlisted"
  status=1
fi

[ "$status" -eq 0 ] && echo "$(sed 's/#.*//' "$po_dir/LINGUAS" | xargs) follow $glossary"
exit "$status"
