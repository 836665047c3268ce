#!/usr/bin/env bash
# The "Config replication stream" runbook done by hand as plain shell commands over ssh on a lab:
# listen_addresses and pg_hba on every node, the repl role on node1, then for each standby: stop, move the
# data directory aside, pg_basebackup -X stream -R -C -S <slot>, start. Then a row written on node1 is read
# on both standbys. Usage: runbook-replication.sh LAB_DIR (a lab already up with 3 fresh nodes).
set -euo pipefail
lab=$1
repl_password=${PGC_REPL_PASSWORD:?set PGC_REPL_PASSWORD}
on() {  # on N SCRIPT: runs SCRIPT on nodeN as postgres over the lab's ssh
  ssh -p 2222 -i "$lab/ssh/id_ed25519" -o UserKnownHostsFile="$lab/known_hosts" -o BatchMode=yes \
    "postgres@127.0.0.1$1" bash -s <<<"$2"
}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_ctl_of() { echo "$bin/pg_ctl -D $lab/node$1/data -o '-c config_file=$lab/node$1/conf/postgresql.conf' -l $lab/node$1/conf/postgresql.log -w"; }
psql_of() { echo "$bin/psql -h $lab/node$1/run -p 544$1 -X -At"; }

# On all nodes: listen_addresses = '*' and the replication rules in pg_hba.conf; restart.
for n in 1 2 3; do
  on $n "echo \"listen_addresses = '*'\" >> $lab/node$n/conf/postgresql.conf
printf 'host replication repl 127.0.0.0/8 scram-sha-256\n' >> $lab/node$n/conf/pg_hba.conf
$(pg_ctl_of $n) restart -m fast >/dev/null"
done
# On the primary: the replication role.
on 1 "$(psql_of 1) >/dev/null <<'SQL'
CREATE ROLE repl WITH REPLICATION LOGIN PASSWORD '$repl_password';
SQL"
# On each standby: stop, move the data directory away, base backup with -R -C -S, start.
for n in 2 3; do
  on $n "set -e
$(pg_ctl_of $n) stop -m fast >/dev/null
mv $lab/node$n/data $lab/node$n/data.old-\$(date +%Y%m%dT%H%M%S)
# as the runbook: the password typed at the prompt, which -R then writes into primary_conninfo
PGPASSWORD='$repl_password' $bin/pg_basebackup -h 127.0.0.11 -p 5441 -U repl -D $lab/node$n/data -X stream -R -C -S 127_0_0_1$n >/dev/null 2>&1
$(pg_ctl_of $n) start >/dev/null"
done
# Verification: a row written on node1 shows on both standbys.
on 1 "$(psql_of 1) -c 'CREATE TABLE IF NOT EXISTS runbook_check(v int); INSERT INTO runbook_check VALUES (1)' >/dev/null"
for n in 2 3; do
  for i in $(seq 1 100); do
    got=$(on $n "$(psql_of $n) -c 'SELECT count(*) FROM runbook_check' 2>/dev/null" || true)
    [ "$got" = "1" ] && break
    sleep 0.1
  done
  [ "$got" = "1" ] || { echo "node$n did not receive the row" >&2; exit 1; }
done
