# Shared helpers of the benchmark scripts: build once, run a lab of the benchmarks' own, reach its nodes
# over ssh as a person would, time whole commands, report medians.
#
# The benchmarks use their own lab: subnet 2 (bridge pgclab2, namespaces pgc2-nodeN, nodes at 127.1.2.N)
# in their own directory (default /tmp/pgc-bench). The demo lab uses subnet 0 and the integration tests
# subnet 1, so the three never share an address, a namespace or a directory and need no lock between them;
# only the cached Debian base (/var/cache/pgconverge/bases) is shared, and it is only read here.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pgc="$root/bin/pgconverge"
export BENCH_SUBNET=${BENCH_SUBNET:-2}
export BENCH_DIR=${BENCH_DIR:-/tmp/pgc-bench}
lab=$BENCH_DIR
pg_version=15
pgdata=/var/lib/postgresql/$pg_version/main
pgconf=/etc/postgresql/$pg_version/main
pgbin=/usr/lib/postgresql/$pg_version/bin

case "$BENCH_DIR" in /tmp/pgc-bench*) ;; *) echo "BENCH_DIR must be under /tmp/pgc-bench*: $BENCH_DIR" >&2; exit 1 ;; esac
[ "$BENCH_SUBNET" -ge 2 ] || { echo "BENCH_SUBNET 0 and 1 belong to the demo and the tests" >&2; exit 1; }

# The jar is built only when a source is newer than it; /usr/bin/time is installed when missing.
ensure_tools() {
  "$root/scripts/install-deps"
  if [ ! -x /usr/bin/time ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
  fi
  local jar="$root/target/pgconverge.jar"
  if [ ! -f "$jar" ] || [ -n "$(find "$root/src" "$root/pom.xml" "$root/templates" -newer "$jar" -print -quit)" ]; then
    (cd "$root" && mvn -q -B -DskipTests package)
  fi
}

# Demo secrets kept beside the lab (not in it: a purge keeps them), read through the playbook's {env: ...}.
export_lab_secrets() {
  local dir="${BENCH_DIR}-secrets"
  mkdir -p "$dir" && chmod 700 "$dir"
  for name in repl postgres pgpool; do
    [ -s "$dir/$name" ] || (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$dir/$name")
  done
  export PGC_REPL_PASSWORD=$(cat "$dir/repl") PGC_POSTGRES_PASSWORD=$(cat "$dir/postgres") \
    PGC_PGPOOL_PASSWORD=$(cat "$dir/pgpool")
}

# Another lab on the benchmarks' subnet (in another directory) is never taken over.
check_subnet_free() {
  if ip link show "pgclab$BENCH_SUBNET" >/dev/null 2>&1 && ! grep -qs "subnet=$BENCH_SUBNET" "$lab/lab.properties"; then
    echo "subnet $BENCH_SUBNET is in use by a lab that is not $lab; set BENCH_SUBNET or stop that lab" >&2
    return 1
  fi
}

# lab_up [NODES]: the benchmarks' lab, up (idempotent). lab_purge: down, node files removed.
lab_up() { check_subnet_free; "$pgc" lab up --nodes "${1:-3}" --dir "$lab" --subnet "$BENCH_SUBNET" >/dev/null; }
lab_purge() { [ -d "$lab" ] || return 0; "$pgc" lab down --purge --dir "$lab" >/dev/null; }
# fresh_lab [NODES]: a lab straight from the cached base in a fresh directory (the old one removed).
fresh_lab() { lab_purge; rm -rf -- "$lab"; lab_up "${1:-3}"; }

addr() { echo "127.1.$BENCH_SUBNET.$1"; }
slot_of() { echo "127_1_${BENCH_SUBNET}_$1"; }

# on N [SCRIPT]: runs SCRIPT (default: standard input) on nodeN in one ssh session as ops, as a person at a
# shell would. sudo's password (asked on node2) is given once at the start of the session, inside the
# script text: never on a command line.
on() {
  local n=$1 script
  if [ $# -ge 2 ]; then script=$2; else script=$(cat); fi
  { printf "sudo -S -v -p '' 2>/dev/null <<'PGC_PW'\n%s\nPGC_PW\n" "$(cat "$lab/become.pw")"; printf '%s\n' "$script"; } |
    ssh -i "$lab/ssh/id_ed25519" -o UserKnownHostsFile="$lab/known_hosts" -o BatchMode=yes -o LogLevel=ERROR \
      "ops@$(addr "$n")" bash -s
}
# sql N SQL: runs SQL with psql as postgres on nodeN (peer over the local socket), unaligned tuples only.
sql() { on "$1" "sudo -u postgres psql -XAtq -v ON_ERROR_STOP=1 <<'PGC_SQL'
$2
PGC_SQL"; }

# wait_row N TAG: waits (up to 30 s) until nodeN reads the row TAG of bench_check.
wait_row() {
  local got="" deadline=$((SECONDS + 30))
  while [ $SECONDS -lt $deadline ]; do
    got=$(sql "$1" "SELECT count(*) FROM bench_check WHERE v = $2" 2>/dev/null || true)
    [ "$got" = "1" ] && return 0
    sleep 0.2
  done
  echo "node$1 did not receive row $2" >&2
  return 1
}
# write_row N: writes a new row on nodeN (the primary) and prints its tag.
write_row() {
  local tag=$((RANDOM * 32768 + RANDOM))
  sql "$1" "SET client_min_messages = warning; CREATE TABLE IF NOT EXISTS bench_check(v bigint); INSERT INTO bench_check VALUES ($tag)" >/dev/null
  echo "$tag"
}

# The postmaster of nodeN as a pid of this machine (the nodes have no pid namespace of their own).
postmaster_pid() { head -n 1 "$lab/node$1/root$pgdata/postmaster.pid"; }
crash_node() { kill -9 "$(postmaster_pid "$1")"; sleep 1; }

# Ansible needs Python on the nodes, which the lab's minbase nodes lack: python3 (bookworm's packages,
# downloaded once with apt-get) is installed with dpkg into the node's overlay, never into the base.
install_python() {
  local debs="${BENCH_DIR}-debs" n r
  if [ ! -s "$debs/.complete" ]; then
    mkdir -p "$debs"
    (cd "$debs" && apt-get download -qq libpython3.11-minimal libexpat1 python3.11-minimal python3-minimal \
      media-types libsqlite3-0 libpython3.11-stdlib python3.11 libpython3-stdlib python3 2>/dev/null)
    echo ok > "$debs/.complete"
  fi
  for n in "$@"; do
    r="$lab/node$n/root"
    [ -x "$r/usr/bin/python3" ] && continue
    mkdir -p "$r/tmp/pgc-debs" && cp "$debs"/*.deb "$r/tmp/pgc-debs/"
    # in the order of their pre-dependencies: dpkg -i of them all at once may unpack a package first
    chroot "$r" sh -c 'cd /tmp/pgc-debs && dpkg -i libpython3.11-minimal_*.deb libexpat1_*.deb python3.11-minimal_*.deb &&
      dpkg -i python3-minimal_*.deb media-types_*.deb libsqlite3-0_*.deb libpython3.11-stdlib_*.deb python3.11_*.deb \
        libpython3-stdlib_*.deb && dpkg -i python3_*.deb; cd / && rm -rf /tmp/pgc-debs' >"$debs/node$n.log" 2>&1 || true
    [ -x "$r/usr/bin/python3" ] || { echo "python3 could not be installed on node$n" >&2; return 1; }
  done
}

# seconds since the epoch with fractions, for timing one run
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
# timed COMMAND...: runs it with its output discarded (stderr kept on failure) and prints the wall time.
timed() {
  local start err
  err=$(mktemp)
  start=$(now)
  if ! "$@" >/dev/null 2>"$err"; then echo "failed: $*" >&2; cat "$err" >&2; rm -f "$err"; return 1; fi
  elapsed "$start"
  rm -f "$err"
}
# median X...: the median of the numbers given.
median() {
  printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {if (NR%2) printf "%.2f\n", a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2]+a[NR/2+1])/2}'
}

# measure LABEL RUNS COMMAND...: runs the command RUNS times; prints "LABEL median_s peak_rss_mb".
measure() {
  local label=$1 runs=$2; shift 2
  local times=() rss=0 t r out
  out=$(mktemp)
  for _ in $(seq 1 "$runs"); do
    /usr/bin/time -f '%e %M' -o "$out" "$@" >/dev/null 2>&1 || { echo "$label: command failed: $*" >&2; cat "$out" >&2; return 1; }
    read -r t r < <(tail -n 1 "$out")
    times+=("$t")
    [ "$r" -gt "$rss" ] && rss=$r
  done
  rm -f "$out"
  printf '%-40s median %6.2f s   peak RSS %4d MB   (%d runs)\n' "$label" "$(median "${times[@]}")" $((rss / 1024)) "$runs"
}

# Loads about 75 MB into nodeN with pgbench -i -s 5 (run on the node as postgres).
load_pgbench() { on "${1:-1}" "sudo -u postgres $pgbin/pgbench -q -i -s ${2:-5} postgres >/dev/null 2>&1"; }

playbook="$root/playbooks/ha-cluster.yml"
# settle N [COUNT]: waits, untimed (up to 30 s), until COUNT (default 2) standbys stream from nodeN, so that the
# next timed step starts from a cluster at rest.
settle() {
  local deadline=$((SECONDS + 30))
  while [ $SECONDS -lt $deadline ]; do
    [ "$(sql "$1" "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'" 2>/dev/null)" = "${2:-2}" ] && return 0
    sleep 0.5
  done
}
# converge [KEY=VALUE...]: pgconverge apply of the reference playbook on the benchmarks' lab.
converge() {
  local extra=()
  for kv in "$@"; do extra+=(-e "$kv"); done
  "$pgc" apply "$playbook" -i "$lab/inventory.yml" ${extra[@]+"${extra[@]}"} --yes
}

# The lab's inventory as Ansible reads it (the lab's own inventory gives node2's become password as a
# pgconverge secret reference, {file: ...}, which Ansible would take for a mapping).
ansible_inventory() {
  local inv="${BENCH_DIR}-ansible/inventory.yml" n
  mkdir -p "${BENCH_DIR}-ansible"
  {
    echo "all:"
    echo "  children:"
    echo "    pg_lab:"
    echo "      hosts:"
    for n in 1 2 3; do
      echo "        node$n:"
      echo "          ansible_host: $(addr $n)"
      [ $n = 2 ] && echo "          ansible_become_password: \"{{ lookup('file', '$lab/become.pw') }}\""
    done
    echo "      vars:"
    echo "        ansible_user: ops"
    echo "        ansible_ssh_private_key_file: $lab/ssh/id_ed25519"
    echo "        ansible_ssh_common_args: '-o UserKnownHostsFile=$lab/known_hosts'"
    echo "        ansible_python_interpreter: /usr/bin/python3"
  } > "$inv"
  echo "$inv"
}
# ansible_run ARGS...: ansible-playbook of bench/ansible/site.yml on the lab, with its control sockets and
# temporary files of its own; pipelining on, as Ansible's documentation recommends for speed.
ansible_run() {
  ANSIBLE_HOME="${BENCH_DIR}-ansible/home" ANSIBLE_LOCAL_TEMP="${BENCH_DIR}-ansible/tmp" \
  ANSIBLE_SSH_CONTROL_PATH_DIR="${BENCH_DIR}-ansible/cp" ANSIBLE_PIPELINING=True ANSIBLE_NOCOLOR=1 \
  ANSIBLE_RETRY_FILES_ENABLED=False ANSIBLE_FORKS=10 \
    ansible-playbook -i "${BENCH_DIR}-ansible/inventory.yml" "$root/bench/ansible/site.yml" "$@"
}
