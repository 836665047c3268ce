#!/usr/bin/env bash
# Issue 6: switchover, failover and rejoin times on a 3-node lab holding ~230 MB (pgbench -i -s 15), next to the
# runbook's approach by hand (promote, then re-basebackup the other standby and the returning old primary).
source "$(dirname "$0")/lib.sh"
ensure_tools
export_lab_secrets
cd "$root"
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
build() {  # a fresh lab with data on node1, built into a cluster by pgconverge; prints the lab directory
  local dir
  dir=$(bench_lab 3)
  load_pgbench "$dir"
  "$pgc" apply playbooks/ha-cluster.yml -i "$dir/inventory.yml" --yes >/dev/null
  echo "$dir"
}
kill_node1() { kill -9 "$(head -n 1 "$1/node1/data/postmaster.pid")"; sleep 1; }
start_node1() {
  runuser -u postgres -- "$bin/pg_ctl" -D "$1/node1/data" -o "-c config_file=$1/node1/conf/postgresql.conf" \
    -l "$1/node1/conf/postgresql.log" -w start >/dev/null
}
timed() { local start; start=$(now); "$@" >/dev/null; elapsed "$start"; }

dir=$(build)
inv=(playbooks/ha-cluster.yml -i "$dir/inventory.yml")
switchover=$(timed "$pgc" apply "${inv[@]}" -e primary=node2 --yes)
switchback=$(timed "$pgc" apply "${inv[@]}" --yes)
kill_node1 "$dir"
failover=$(timed "$pgc" apply "${inv[@]}" -e primary=node2 --yes)
start_node1 "$dir"
rejoin=$(timed "$pgc" apply "${inv[@]}" -e primary=node2 --yes)
bench_lab_done "$dir"

dir=$(build)
kill_node1 "$dir"
manual_failover=$(timed "$root/bench/runbook-failover.sh" "$dir" failover)
start_node1 "$dir"
manual_rejoin=$(timed "$root/bench/runbook-failover.sh" "$dir" rejoin)
bench_lab_done "$dir"

printf 'switchover node1 -> node2 (apply start to verified)   %6s s\n' "$switchover"
printf 'switchover back node2 -> node1                       %6s s\n' "$switchback"
printf 'failover to node2, node3 re-pointed   pgconverge %6s s   runbook (promote + rebuild node3) %6s s\n' "$failover" "$manual_failover"
printf 'old primary rejoins                   pgconverge %6s s   runbook (rebuild node1)           %6s s\n' "$rejoin" "$manual_rejoin"
"$pgc" lab up >/dev/null
