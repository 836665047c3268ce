#!/usr/bin/env bash
# Crash safety: applies killed at task boundaries and at random moments, each followed by a re-run that must
# converge. Prints one line per killed boundary and the summaries that BENCHMARKS.md ("Crash safety") quotes.
#
#   bench/crash.sh              both parts below
#   bench/crash.sh build        every task boundary of the first build of playbooks/ha-cluster.yml, a fresh 3-node
#                               lab each (apply killed just before the task by PGCONVERGE_TEST_KILL_AT, the test-only
#                               kill switch: the JVM halts as on kill -9; then apply again)
#   bench/crash.sh matrix       the fault matrix of CrashSafetyIT on the same subnet: every boundary of a switchover
#                               under write load and of a rejoin by pg_rewind, kill -9 at random moments of a rebuild,
#                               a switchover under write load, secrets sampled everywhere
#
# After each re-run: exactly one primary, every other node streaming from it, and an empty plan
# (plan --detailed-exitcode exits 0). BENCH_SUBNET and BENCH_DIR choose the lab as for the other benchmarks.
source "$(dirname "$0")/lib.sh"
ensure_tools
export_lab_secrets
cd "$root"
part=${1:-all}

# converged_after_rerun: the re-run succeeds, one primary, both standbys stream from it, the next plan is empty.
converged_after_rerun() {
  local inv=(playbooks/ha-cluster.yml -i "$lab/inventory.yml") primaries=() n r
  "$pgc" apply "${inv[@]}" --yes >"$lab.rerun.log" 2>&1 || { echo "re-run failed: $(tail -n 3 "$lab.rerun.log")"; return 1; }
  for n in 1 2 3; do
    r=$(sql "$n" "SELECT pg_is_in_recovery()" 2>/dev/null || echo down)
    [ "$r" = f ] && primaries+=("node$n")
  done
  [ "${#primaries[@]}" = 1 ] || { echo "${#primaries[@]} primaries (${primaries[*]}) after the re-run"; return 1; }
  r=$(sql "${primaries[0]#node}" "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")
  [ "$r" = 2 ] || { echo "$r standbys stream from ${primaries[0]}"; return 1; }
  "$pgc" plan "${inv[@]}" --detailed-exitcode >"$lab.plan.log" 2>&1 || { echo "the next plan is not empty"; return 1; }
}

first_build() {
  local tasks task start start_all ok=0 failed=0 code why
  fresh_lab 3
  tasks=$("$pgc" plan "$playbook" -i "$lab/inventory.yml" | sed -nE 's/.*\[[0-9]+ ([^]]+)\]$/\1/p')
  start_all=$(now)
  for task in $tasks; do
    fresh_lab 3
    PGCONVERGE_TEST_KILL_AT=$task "$pgc" apply "$playbook" -i "$lab/inventory.yml" --yes >/dev/null 2>&1 \
      && code=0 || code=$?
    start=$(now)
    if [ "$code" != 137 ]; then
      failed=$((failed + 1)); printf '%-28s FAILED: the killed apply exited %s\n' "$task" "$code"
    elif why=$(converged_after_rerun); then
      ok=$((ok + 1)); printf '%-28s killed, re-run converged in %6s s\n' "$task" "$(elapsed "$start")"
    else
      failed=$((failed + 1)); printf '%-28s FAILED: %s\n' "$task" "$why"
    fi
  done
  lab_purge
  printf '\nfirst build: %d task boundaries killed, %d re-runs converged, %d failed, %s s in all\n' \
    "$((ok + failed))" "$ok" "$failed" "$(elapsed "$start_all")"
  [ "$failed" = 0 ]
}

# The IT's output is kept in full in $BENCH_DIR-matrix.log; its summary lines are printed.
matrix() {
  local start status=0
  lab_purge
  start=$(now)
  scripts/test --fault-matrix -Dpgconverge.it.subnet="$BENCH_SUBNET" >"${BENCH_DIR}-matrix.log" 2>&1 || status=$?
  sed -n '/^crash safety matrix:/,/re-runs converged/p; /^secrets: /p; /Tests run:.*CrashSafetyIT/p' \
    "${BENCH_DIR}-matrix.log"
  printf 'fault matrix (CrashSafetyIT): %s s, %s\n' "$(elapsed "$start")" \
    "$([ "$status" = 0 ] && echo passed || echo "FAILED, see ${BENCH_DIR}-matrix.log")"
  return "$status"
}

status=0
case "$part" in
  build) first_build || status=1 ;;
  matrix) matrix || status=1 ;;
  all) first_build || status=1; matrix || status=1 ;;
  *) echo "usage: bench/crash.sh [build|matrix]" >&2; exit 1 ;;
esac
printf 'machine: %s, %s cores, load average %s\n' "$(uname -m)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
