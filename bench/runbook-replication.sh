#!/usr/bin/env bash
# The "Config replication stream" runbook (the "High Availability" runbook) done by hand over ssh
# as ops with sudo, on a lab of 3 fresh nodes: on every node listen_addresses and pg_hba.conf, restart; on
# node1 the roles repl, postgres, pgpool; then on each standby in turn: stop, move the data directory aside,
# pg_basebackup -X stream -R -C -S <slot> --checkpoint=fast, start. Ends when a row written on node1 is read
# on both standbys. The lab is $BENCH_DIR (default /tmp/pgc-bench); passwords from PGC_*_PASSWORD.
source "$(dirname "$0")/lib.sh"
: "${PGC_REPL_PASSWORD:?}" "${PGC_POSTGRES_PASSWORD:?}" "${PGC_PGPOOL_PASSWORD:?}"
primary=1

# On all nodes: listen_addresses = '*' and the runbook's pg_hba.conf (its 192.168.56.0/24 as 127.0.0.0/8, and
# peer for postgres kept first so that `sudo -u postgres psql` still works), then a restart.
for n in 1 2 3; do
  on $n "set -e
echo \"listen_addresses = '*'\" | sudo -u postgres tee -a $pgconf/postgresql.conf >/dev/null
sudo -u postgres tee $pgconf/pg_hba.conf >/dev/null <<'HBA'
local   all             postgres                                peer
local   all             all                                     scram-sha-256
host    all             all             127.0.0.1/32            scram-sha-256
host    all             all             ::1/128                 scram-sha-256
local   replication     all                                     scram-sha-256
host    replication     all             127.0.0.1/32            scram-sha-256
host    replication     all             ::1/128                 scram-sha-256
host    replication     repl            127.0.0.0/8             scram-sha-256
host    all             postgres        127.0.0.0/8             scram-sha-256
host    all             pgpool          127.0.0.0/8             scram-sha-256
HBA
sudo pg_ctlcluster $pg_version main restart"
done

# On the primary: the three roles (SQL on psql's standard input, not on a command line).
sql $primary "CREATE ROLE repl WITH REPLICATION LOGIN CONNECTION LIMIT 5 PASSWORD '$PGC_REPL_PASSWORD';
ALTER USER postgres WITH PASSWORD '$PGC_POSTGRES_PASSWORD';
CREATE ROLE pgpool WITH LOGIN PASSWORD '$PGC_PGPOOL_PASSWORD';"

# On each standby: stop, move the data directory aside, base backup with -R -C -S, start.
for n in 2 3; do
  on $n "set -e
sudo pg_ctlcluster $pg_version main stop
sudo mv $pgdata $pgdata.old-\$(date +%Y%m%dT%H%M%S)
sudo -u postgres bash -s <<'BACKUP'
export PGPASSWORD='$PGC_REPL_PASSWORD'   # the runbook types it at the prompt
$pgbin/pg_basebackup -h $(addr $primary) -p 5432 -U repl -D $pgdata -X stream -R -C -S $(slot_of $n) --checkpoint=fast
BACKUP
sudo pg_ctlcluster $pg_version main start"
done

# Verification: a row written on node1 shows on both standbys.
tag=$(write_row $primary)
for n in 2 3; do wait_row $n "$tag"; done
