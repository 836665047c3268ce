#!/usr/bin/env bash
# Write outage of a restart-requiring change. SwitchoverRestartIT builds a fresh 3-node lab and, while one client
# commits over one connection to whichever node is primary (multi-host URL, targetServerType=primary, reconnecting
# after an error), applies shared_buffers with restart_method restart, then with switchover, then shared_buffers
# and a raised max_connections with switchover. Each apply prints its acknowledged commits, the lost ones (every
# acknowledged row is checked on the primary afterwards) and the longest pause between two acknowledged commits.
#
#   bench/rolling.sh [RUNS]        (BENCH_SUBNET picks the lab's subnet, 2 by default)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
subnet=${BENCH_SUBNET:-2}
runs=${1:-1}
[ "$subnet" -ge 2 ] || { echo "BENCH_SUBNET 0 and 1 belong to the demo and the tests" >&2; exit 1; }
cd "$root"
for run in $(seq "$runs"); do
  log=$(mktemp)
  if mvn -B verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=SwitchoverRestartIT \
      -Dpgconverge.it.subnet="$subnet" >"$log" 2>&1; then
    sed -n "s/^write outage /run $run: /p" "$log"
  else
    echo "run $run: SwitchoverRestartIT failed, see $log" >&2
    exit 1
  fi
  rm -f "$log"
done
