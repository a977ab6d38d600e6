#!/usr/bin/env bash
# Builds Threshold's libFuzzer targets and runs each in turn for SECONDS (default 600).
#
#   Tests/Fuzz/run.sh [SECONDS] [TARGET...]
#
# Targets: yaml quantity profile rulepack evaluate (default: all, one after another, one process
# each — the machine is shared). Seeds are assembled at run time from Examples/, Rules/, the
# golden files and the YAML test suite (THRESHOLD_YAML_TEST_SUITE, or ../shared/corpus/yaml-test-suite
# beside the checkout) into a temporary folder; nothing is written into the source tree except
# crash artifacts, under fuzz-artifacts/ (ignored by git).
#
# Environment:
#   FUZZ_SKIP_BUILD=1    use the binaries already built
#   FUZZ_CORPUS_DIR=dir  keep each target's working corpus in dir/TARGET (default: a temporary folder)
#   FUZZ_EXTRA="..."     more libFuzzer flags (e.g. -only_ascii=1)
#
# Exit status: 0 when no target found anything; 1 when one did (see fuzz-artifacts/TARGET/).
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(yaml quantity profile rulepack evaluate)

scratch="$here/.build-fuzz"
bin="$scratch/release"

# Why not `-Xswiftc -sanitize=fuzzer`: SwiftPM passes -Xswiftc to every module, build tools
# included, and the main package's build-time tool (threshold-embed, run by the EmbedRulePacks
# plugin) would then get libFuzzer's `main` besides its own, which fails to link. So every module
# gets ASan and SanitizerCoverage (the same edge, indirect-call and comparison tracing that
# -sanitize=fuzzer turns on), and only the fuzz targets themselves compile and link with
# -sanitize=fuzzer (unsafeFlags in Tests/Fuzz/Package.swift). The instrumented build tool is run
# at build time without leak checking. libyaml is the system's (not instrumented): coverage guides
# the fuzzer through Threshold's Swift code only.
if [ "${FUZZ_SKIP_BUILD:-0}" != 1 ]; then
  echo "fuzz: building (release, ASan + coverage) into $scratch"
  ASAN_OPTIONS=detect_leaks=0 swift build -c release \
    --package-path "$here" --scratch-path "$scratch" \
    -Xswiftc -sanitize=address \
    -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp,indirect-calls || exit 2
fi

suite="${THRESHOLD_YAML_TEST_SUITE:-$(cd "$root/.." && pwd)/shared/corpus/yaml-test-suite}"
work="$(mktemp -d "${TMPDIR:-/tmp}/threshold-fuzz.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# --- Seeds -------------------------------------------------------------------------------------

seed_files() {  # seed_files DIR FILE... : copies files into DIR under unique names
  local dir="$1"; shift
  mkdir -p "$dir"
  local n=0 f
  for f in "$@"; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    cp "$f" "$dir/seed-$n-$(basename "$f")"
  done
}

profiles=("$root"/Examples/labs/*.yaml)
packs=("$root"/Rules/*.yaml "$root"/Examples/rules/*.yaml "$root"/Tests/ThresholdCLITests/Golden/*.yaml)
suite_files=()
if [ -d "$suite" ]; then
  while IFS= read -r -d '' f; do suite_files+=("$f"); done < <(find "$suite" -name in.yaml -print0 | sort -z)
else
  echo "fuzz: no YAML test suite at $suite; seeding without it"
fi

seed_files "$work/seeds/yaml" "${profiles[@]}" "${packs[@]}" "${suite_files[@]}"
seed_files "$work/seeds/profile" "${profiles[@]}" "${suite_files[@]}"
seed_files "$work/seeds/evaluate" "${profiles[@]}"
seed_files "$work/seeds/rulepack" "${packs[@]}"

# Quantities: every value written under a quantity key in the examples and packs, and the
# spellings the parser documents.
mkdir -p "$work/seeds/quantity"
{
  grep -hoE '(training_compute|fine_tuning_compute|peak_capacity|interconnect|annual_gross_revenue|ai_revenue|ai_rnd_spend|estimate|low|high|peak_per_chip|greater_than|at_least|less_than|at_most|rate|parameters|tokens|chips|hours|days|utilization): *[^#{]+' \
    "${profiles[@]}" "${packs[@]}" 2>/dev/null | sed -E 's/^[a-z_]+: *//; s/ +$//; s/^"(.*)"$/\1/; s/^'"'"'(.*)'"'"'$/\1/'
  printf '%s\n' '3.2e25 FLOP' '$400M' '115741 PF-days' '10²⁵' '3 × 10^25' '1.4 billion USD' '400 Gbit/s' \
    '500_000_000' '1.2E+25' '10**25' '3x10^25' '3·10^25' '€500M' 'US$ 1.2B' 'CN¥ 3bn' '¥1T' '-$5' '$-5' \
    '1e10000' '10⁻³' '8.64e19 FLOP' '1 PFLOP/s-day' '2.5 EFLOP/s' '1,000,000' '620M USD' '0.4' '.5' '5.' \
    '1e25 FLOPS' 'USD 3' 'EUR500M' '1 thousand' '2 trillion JPY' '−7' '∞' 'nan'
} | sort -u | awk -v dir="$work/seeds/quantity" '{ n++; printf "%s", $0 > (dir "/seed-" n); close(dir "/seed-" n) }'

# Dictionaries: the words the formats are made of, so that the fuzzer need not guess them.
# libFuzzer's dictionary format: one "word" a line, bytes other than printable ASCII as \xNN.
dict_word() {
  local hex out="" byte
  hex="$(printf '%s' "$1" | od -An -tx1 -v)"
  for byte in $hex; do
    if [[ $((16#$byte)) -ge 32 && $((16#$byte)) -le 126 && $byte != 22 && $byte != 5c ]]; then
      out+="$(printf "\\x$byte")"
    else
      out+="\\x$byte"
    fi
  done
  printf '"%s"\n' "$out"
}
dict() { local f="$work/$1.dict"; shift; : > "$f"; local w; for w in "$@"; do dict_word "$w" >> "$f"; done; }
yaml_words=("---" "..." "- " ": " "? " "&a " "*a" "<<" "!!str" "!!int" "!!float" "!!bool" "!!null" "!!map" "!!seq"
            "!" "%YAML 1.2" "%TAG " "|" ">" "|-" ">+" "'" '"' "{" "}" "[" "]" "," "#" $'\n' $'\t' $'\xef\xbb\xbf' '\e' '\x00')
profile_words=(organization name jurisdictions reporting_period annual_gross_revenue ai_revenue ai_rnd_spend
               exchange_rates models training_compute fine_tuning_compute modalities primary_data status released
               clusters peak_capacity interconnect co_located assessments obligation pack model assessor independent
               completed outcome estimate low high confidence parameters tokens chips peak_per_chip hours days
               utilization from to rate date FLOP "FLOP/s" USD EUR "Gbit/s" 2026-01-01 high-risk)
pack_words=(pack title status proposed enacted repealed vetoed jurisdiction effective expires summary sources
            thresholds obligations tests id subject fact greater_than at_least less_than at_most where period
            preceding-calendar-year cite citation note kind risk per when due valid_for_days transition
            placed_before comply_by any all not any_assessment_outcome always before-deployment continuing
            within_days of release as_of profile expect applies not_applies indeterminate deployment in_force
            includes_any one_of url third-party-assessment)
quantity_words=(FLOP "FLOP/s" "PFLOP/s-day" "PF-days" "bit/s" "Gbit/s" USD EUR "US\$" "\$" "€" "¥" "£" "CN¥"
                e "E+" "e-" "^" "**" "×" "·" "⋅" " x " "10^" "²" "⁵" "⁻" k M B T bn thousand million billion trillion
                "_" "." "," "-" "−" "+" inf nan $'\xc2\xa0' $'\xe2\x80\xaf')
dict yaml "${yaml_words[@]}"
dict profile "${yaml_words[@]}" "${profile_words[@]}"
dict evaluate "${yaml_words[@]}" "${profile_words[@]}"
dict rulepack "${yaml_words[@]}" "${pack_words[@]}" "${profile_words[@]}"
dict quantity "${quantity_words[@]}"

# --- Runs --------------------------------------------------------------------------------------

binary() {
  case "$1" in
    yaml) echo FuzzYAML ;; quantity) echo FuzzQuantity ;; profile) echo FuzzProfile ;;
    rulepack) echo FuzzRulePack ;; evaluate) echo FuzzEvaluate ;; *) return 1 ;;
  esac
}
max_len() {
  case "$1" in quantity) echo 512 ;; rulepack) echo 24576 ;; *) echo 16384 ;; esac
}

status=0
summary="$work/summary.txt"
printf '%-9s %8s %12s %8s %8s %8s  %s\n' target seconds execs cov ft corpus findings > "$summary"
for target in "${targets[@]}"; do
  name="$(binary "$target")" || { echo "fuzz: unknown target '$target'"; exit 64; }
  corpus="${FUZZ_CORPUS_DIR:+$FUZZ_CORPUS_DIR/$target}"
  corpus="${corpus:-$work/corpus/$target}"
  artifacts="$root/fuzz-artifacts/$target"
  mkdir -p "$corpus" "$artifacts"
  log="$work/$target.log"
  echo "fuzz: $target for ${seconds}s ($name; log $log)"
  start=$(date +%s)
  # One process (the equivalent of -jobs=1). -timeout: an input that takes 10 s is a hang;
  # -rss_limit_mb / -malloc_limit_mb: one that needs 2 GiB is a memory bomb.
  # shellcheck disable=SC2086
  ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=0:handle_abort=1" \
    "$bin/$name" "$corpus" "$work/seeds/$target" \
      -dict="$work/$target.dict" -max_len="$(max_len "$target")" \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=1024 \
      -print_final_stats=1 -artifact_prefix="$artifacts/" ${FUZZ_EXTRA:-} > "$log" 2>&1
  code=$?
  elapsed=$(( $(date +%s) - start ))
  done_line="$(grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)' "$log" | tail -1)"
  execs="$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+).*/\1/p' "$log" | tail -1)"
  cov="$(sed -nE 's/.*cov: ([0-9]+).*/\1/p' <<<"$done_line")"
  ft="$(sed -nE 's/.*ft: ([0-9]+).*/\1/p' <<<"$done_line")"
  corp="$(sed -nE 's/.*corp: ([0-9]+).*/\1/p' <<<"$done_line")"
  findings="none"
  if [ $code -ne 0 ]; then
    status=1
    findings="$(grep -hE '^(==[0-9]+==ERROR|SUMMARY:|ERROR: libFuzzer|Fatal error|.*Fatal error:|.*Precondition failed)' "$log" | head -3 | tr '\n' ' ')"
    findings="exit $code: ${findings:-see log} artifact: $(ls -t "$artifacts" | head -1)"
    cp "$log" "$artifacts/$target.log"
    echo "fuzz: $target FAILED — log copied to $artifacts/$target.log"
    tail -40 "$log"
  fi
  printf '%-9s %8s %12s %8s %8s %8s  %s\n' "$target" "$elapsed" "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$findings" >> "$summary"
  grep -E '^(#[0-9]+[[:space:]]+DONE|Done [0-9]+ runs|stat::)' "$log" | sed 's/^/    /'
done
echo
cat "$summary"
exit $status
