#!/usr/bin/env bash
# Issue 6: switchover, failover and rejoin on a 3-node lab holding ~75 MB (pgbench -i -s 5), pgconverge next
# to the same steps by hand over ssh as ops with sudo (bench/runbook-failover.sh): the runbook's failover
# (promote, rebuild the other standby), its rejoin (rebuild the old primary) and a rejoin by pg_rewind.
source "$(dirname "$0")/lib.sh"
ensure_tools
export_lab_secrets
cd "$root"
trap 'lab_purge || true' EXIT
build() { fresh_lab 3; load_pgbench 1; converge >/dev/null; }
restart_node1() { on 1 "sudo pg_ctlcluster $pg_version main start" >/dev/null; write_row 1 >/dev/null; }

# settle: waits until the standbys stream again before the next timed step (see bench/lib.sh)
build
switchover=$(timed converge primary=node2); settle 2
switchback=$(timed converge); settle 1
crash_node 1
failover=$(timed converge primary=node2); settle 2 1
restart_node1
rejoin=$(timed converge primary=node2)

build
manual_switchover=$(timed "$root/bench/runbook-failover.sh" switchover 1 2 3)
manual_switchback=$(timed "$root/bench/runbook-failover.sh" switchover 2 1 3)
converge >/dev/null
crash_node 1
manual_failover=$(timed "$root/bench/runbook-failover.sh" failover 2 3)
restart_node1
manual_rebuild=$(timed "$root/bench/runbook-failover.sh" rebuild 2 1)
# the rewind by hand after a failover that re-pointed node3 (after the runbook's, the WAL it needs is gone)
converge >/dev/null; settle 1
crash_node 1
converge primary=node2 >/dev/null; settle 2 1
restart_node1
manual_rewind=$(timed "$root/bench/runbook-failover.sh" rewind 2 1)

printf 'switchover node1 -> node2   pgconverge %6s s   by hand %6s s\n' "$switchover" "$manual_switchover"
printf 'switchover node2 -> node1   pgconverge %6s s   by hand %6s s\n' "$switchback" "$manual_switchback"
printf 'failover to node2           pgconverge %6s s   runbook (promote + rebuild node3) %6s s\n' "$failover" "$manual_failover"
printf 'old primary rejoins         pgconverge %6s s   pg_rewind by hand %6s s   runbook (rebuild node1) %6s s\n' \
  "$rejoin" "$manual_rewind" "$manual_rebuild"
