#!/usr/bin/env bash
# The runbook's "Config failover" and "In case master 1 is up again" by hand over ssh as ops with sudo, and
# the by-hand versions of what it leaves out (a clean switchover, a rejoin by pg_rewind), on the benchmarks'
# lab ($BENCH_DIR) whose nodes stream from one primary. Each phase ends when a row written on the new
# primary is read on every node it rebuilt or re-pointed.
#
#   runbook-failover.sh failover NEW OTHER   the primary is down: pg_promote() on NEW, then OTHER rebuilt
#                                            from it (stop, move data aside, pg_basebackup -R -C -S, start)
#   runbook-failover.sh rebuild NEW OLD      the old primary is back: rebuilt from NEW the same way
#   runbook-failover.sh rewind NEW OLD       the old primary is back: stopped, pg_rewind from NEW, started
#                                            as a standby of NEW through its slot
#   runbook-failover.sh switchover OLD NEW OTHER...
#                                            planned: OLD stopped cleanly, NEW promoted once it replayed
#                                            OLD's shutdown checkpoint, OTHERs re-pointed (reload), OLD
#                                            started as a standby of NEW
source "$(dirname "$0")/lib.sh"
: "${PGC_REPL_PASSWORD:?}" "${PGC_POSTGRES_PASSWORD:?}"
phase=$1; shift

conninfo() {  # conninfo TO N: nodeN's primary_conninfo towards nodeTO (the repl password in a passfile)
  echo "host=$(addr "$1") port=5432 user=repl passfile=$pgconf/repl.pgpass application_name=node$2"
}
passfile() {  # the script lines that leave the repl password in a 0600 passfile of postgres
  echo "sudo -u postgres bash -c 'umask 077; cat > $pgconf/repl.pgpass' <<'PASS'
*:*:*:repl:$PGC_REPL_PASSWORD
PASS"
}
rebuild() {  # rebuild FROM N: the runbook's standby steps on nodeN against nodeFROM
  on "$2" "set -e
sudo pg_ctlcluster $pg_version main stop || true
sudo mv $pgdata $pgdata.old-\$(date +%Y%m%dT%H%M%S)
sudo -u postgres bash -s <<'BACKUP'
export PGPASSWORD='$PGC_REPL_PASSWORD'
$pgbin/pg_basebackup -h $(addr "$1") -p 5432 -U repl -D $pgdata -X stream -R -C -S $(slot_of "$2") --checkpoint=fast
BACKUP
sudo pg_ctlcluster $pg_version main start"
}
ensure_slot() {  # ensure_slot ON N: nodeON holds nodeN's slot
  sql "$1" "SELECT pg_create_physical_replication_slot('$(slot_of "$2")', true) WHERE NOT EXISTS
  (SELECT 1 FROM pg_replication_slots WHERE slot_name = '$(slot_of "$2")')" >/dev/null
}
start_as_standby() {  # start_as_standby TO N: the stopped nodeN starts as a standby of nodeTO
  ensure_slot "$1" "$2"
  on "$2" "set -e
$(passfile)
sudo -u postgres tee -a $pgdata/postgresql.auto.conf >/dev/null <<'CONF'
primary_conninfo = '$(conninfo "$1" "$2")'
primary_slot_name = '$(slot_of "$2")'
CONF
sudo -u postgres touch $pgdata/standby.signal
sudo pg_ctlcluster $pg_version main start"
}
repoint() {  # repoint TO N: the running standby nodeN follows nodeTO (a reload, PostgreSQL 13+)
  ensure_slot "$1" "$2"
  on "$2" "set -e
$(passfile)
sudo -u postgres psql -XAtq <<'SQL'
ALTER SYSTEM SET primary_conninfo = '$(conninfo "$1" "$2")';
ALTER SYSTEM SET primary_slot_name = '$(slot_of "$2")';
SELECT pg_reload_conf();
SQL"
}

case "$phase" in
  failover)
    new=$1 other=$2
    sql "$new" "SELECT pg_promote()" >/dev/null
    rebuild "$new" "$other"
    check=("$other")
    ;;
  rebuild)
    new=$1 old=$2
    rebuild "$new" "$old"
    check=("$old")
    ;;
  rewind)
    new=$1 old=$2
    ensure_slot "$new" "$old"   # WAL from now on is kept for the rewound node
    on "$old" "set -e
sudo pg_ctlcluster $pg_version main stop
sudo -u postgres bash -s <<'REWIND'
export PGPASSWORD='$PGC_POSTGRES_PASSWORD'
$pgbin/pg_rewind -D $pgdata --source-server='host=$(addr "$new") port=5432 user=postgres dbname=postgres'
REWIND"
    start_as_standby "$new" "$old"
    check=("$old")
    ;;
  switchover)
    old=$1 new=$2; shift 2
    # the shutdown checkpoint record starts at the location pg_controldata gives: NEW has replayed it once
    # its replay location is past that start (>= would promote NEW one record short, forking off OLD)
    checkpoint=$(on "$old" "set -e
sudo pg_ctlcluster $pg_version main stop
sudo -u postgres $pgbin/pg_controldata $pgdata | sed -n 's/^Latest checkpoint location: *//p'")
    deadline=$((SECONDS + 30))
    while [ $SECONDS -lt $deadline ]; do
      [ "$(sql "$new" "SELECT pg_last_wal_replay_lsn() > '$checkpoint'")" = t ] && break
      sleep 0.2
    done
    [ "$(sql "$new" "SELECT pg_last_wal_replay_lsn() > '$checkpoint'")" = t ] || { echo "node$new did not replay $checkpoint" >&2; exit 1; }
    sql "$new" "SELECT pg_promote()" >/dev/null
    for n in "$@"; do repoint "$new" "$n"; done
    start_as_standby "$new" "$old"
    check=("$@" "$old")
    ;;
  *) echo "unknown phase: $phase" >&2; exit 1 ;;
esac

tag=$(write_row "$new")
for n in "${check[@]}"; do wait_row "$n" "$tag"; done
