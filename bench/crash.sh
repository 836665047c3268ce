#!/usr/bin/env bash
# Issue 12: the whole fault matrix of a first build. For every task of the first apply of playbooks/ha-cluster.yml
# on a fresh 3-node lab, that apply is killed just before the task (PGCONVERGE_TEST_KILL_AT, the test-only kill
# switch: the JVM halts as on kill -9), then apply runs again; it must succeed, leave exactly one primary and an
# empty next plan. The switchover matrix runs in CrashSafetyIT.
source "$(dirname "$0")/lib.sh"
ensure_tools
export_lab_secrets
cd "$root"
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

dir=$(bench_lab 3)
tasks=$("$pgc" plan playbooks/ha-cluster.yml -i "$dir/inventory.yml" | sed -nE 's/.*\[[0-9]+ ([^]]+)\]$/\1/p')
bench_lab_done "$dir"

start_all=$(now)
ok=0 failed=0
for task in $tasks; do
  dir=$(bench_lab 3)
  inv=(playbooks/ha-cluster.yml -i "$dir/inventory.yml")
  PGCONVERGE_TEST_KILL_AT=$task "$pgc" apply "${inv[@]}" --yes >/dev/null 2>&1 && code=0 || code=$?
  start=$(now)
  if [ "$code" = 137 ] && "$pgc" apply "${inv[@]}" --yes >/dev/null 2>&1 \
     && "$pgc" plan "${inv[@]}" --detailed-exitcode >/dev/null 2>&1; then
    primaries=0
    for n in 1 2 3; do
      r=$(runuser -u postgres -- "$bin/psql" -XAtq -h "$dir/node$n/run" -p $((5440 + n)) -d postgres \
        -c 'SELECT pg_is_in_recovery()' 2>/dev/null || echo down)
      [ "$r" = f ] && primaries=$((primaries + 1))
    done
    if [ "$primaries" = 1 ]; then
      ok=$((ok + 1)); printf '%-32s killed, re-run converged in %5s s\n' "$task" "$(elapsed "$start")"
    else
      failed=$((failed + 1)); printf '%-32s %s primaries after the re-run\n' "$task" "$primaries"
    fi
  else
    failed=$((failed + 1)); printf '%-32s FAILED (kill exit %s)\n' "$task" "$code"
  fi
  bench_lab_done "$dir"
done
printf '\nfirst build: %d task boundaries, %d converged, %d failed, %s s in all\n' "$((ok + failed))" "$ok" \
  "$failed" "$(elapsed "$start_all")"
[ "$failed" = 0 ]
