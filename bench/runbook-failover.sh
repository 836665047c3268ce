#!/usr/bin/env bash
# The runbook's "Config failover" and "In case master 1 is up again" by hand over ssh, on a lab whose node1 is
# the primary with node2 and node3 streaming (built by pgconverge). Usage: runbook-failover.sh LAB_DIR PHASE
#   failover: node1 is down; promote node2, rebuild node3 from it (stop, move data aside, pg_basebackup, start)
#   rejoin:   node1 is back; rebuild it from node2 the same way
set -euo pipefail
lab=$1 phase=$2
repl_password=${PGC_REPL_PASSWORD:?set PGC_REPL_PASSWORD}
on() {
  ssh -p 2222 -i "$lab/ssh/id_ed25519" -o UserKnownHostsFile="$lab/known_hosts" -o BatchMode=yes \
    "postgres@127.0.0.1$1" bash -s <<<"$2"
}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_ctl_of() { echo "$bin/pg_ctl -D $lab/node$1/data -o '-c config_file=$lab/node$1/conf/postgresql.conf' -l $lab/node$1/conf/postgresql.log -w"; }
psql_of() { echo "$bin/psql -h $lab/node$1/run -p 544$1 -X -At"; }
rebuild_from_node2() {  # rebuild_from_node2 N: the runbook's standby steps against the new primary
  local n=$1
  on "$n" "set -e
$(pg_ctl_of "$n") stop -m fast >/dev/null 2>&1 || true
mv $lab/node$n/data $lab/node$n/data.old-\$(date +%Y%m%dT%H%M%S)
PGPASSWORD='$repl_password' $bin/pg_basebackup -h 127.0.0.12 -p 5442 -U repl -D $lab/node$n/data -X stream -R -C -S runbook_$n >/dev/null 2>&1
$(pg_ctl_of "$n") start >/dev/null"
}
case "$phase" in
  failover)
    on 2 "$(psql_of 2) -c 'SELECT pg_promote()' >/dev/null"
    rebuild_from_node2 3
    ;;
  rejoin)
    rebuild_from_node2 1
    ;;
esac
# Verification: a row written on node2 shows on the rebuilt node(s).
tag=$RANDOM
on 2 "$(psql_of 2) -c 'CREATE TABLE IF NOT EXISTS runbook_check(v int); INSERT INTO runbook_check VALUES ($tag)' >/dev/null"
nodes=3; [ "$phase" = rejoin ] && nodes=1
for n in $nodes; do
  for i in $(seq 1 300); do
    got=$(on "$n" "$(psql_of "$n") -c 'SELECT count(*) FROM runbook_check WHERE v = $tag' 2>/dev/null" || true)
    [ "$got" = "1" ] && break
    sleep 0.1
  done
  [ "$got" = "1" ] || { echo "node$n did not receive the row" >&2; exit 1; }
done
