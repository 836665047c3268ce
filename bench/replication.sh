#!/usr/bin/env bash
# Issue 5: from a fresh 3-node lab to a verified streaming cluster, pgconverge apply vs the runbook done as
# plain shell commands over ssh (bench/runbook-replication.sh); empty nodes and ~230 MB on node1 (pgbench -s 15).
source "$(dirname "$0")/lib.sh"
ensure_tools
export_lab_secrets
cd "$root"
for data in empty pgbench; do
  dir=$(bench_lab 3)
  [ "$data" = pgbench ] && load_pgbench "$dir"
  start=$(now)
  "$pgc" apply playbooks/ha-cluster.yml -i "$dir/inventory.yml" --yes >/dev/null
  tool=$(elapsed "$start")
  bench_lab_done "$dir"

  dir=$(bench_lab 3)
  [ "$data" = pgbench ] && load_pgbench "$dir"
  start=$(now)
  "$root/bench/runbook-replication.sh" "$dir"
  manual=$(elapsed "$start")
  bench_lab_done "$dir"
  awk -v d="$data" -v t="$tool" -v m="$manual" \
    'BEGIN { printf "%-8s pgconverge apply %6.1f s   runbook by hand %6.1f s   ratio %.2f\n", d, t, m, m / t }'
done
"$pgc" lab up >/dev/null
