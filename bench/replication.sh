#!/usr/bin/env bash
# Issue 5: from 3 fresh nodes to a verified streaming cluster, pgconverge apply vs the runbook done by hand
# over ssh as ops with sudo (bench/runbook-replication.sh); empty nodes, then ~75 MB on node1 (pgbench -s 5).
source "$(dirname "$0")/lib.sh"
ensure_tools
export_lab_secrets
cd "$root"
trap 'lab_purge || true' EXIT
for data in empty pgbench; do
  fresh_lab 3
  [ "$data" = pgbench ] && load_pgbench 1
  tool=$(timed converge)
  fresh_lab 3
  [ "$data" = pgbench ] && load_pgbench 1
  manual=$(timed "$root/bench/runbook-replication.sh")
  awk -v d="$data" -v t="$tool" -v m="$manual" \
    'BEGIN { printf "%-8s pgconverge apply %6.1f s   runbook by hand %6.1f s   ratio %.2f\n", d, t, m, m / t }'
done
