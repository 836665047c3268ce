# Shared helpers of the benchmark scripts: build once, time whole commands, report median and peak RSS.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pgc="$root/bin/pgconverge"
export PGCONVERGE_LAB_DIR=${PGCONVERGE_LAB_DIR:-/tmp/pgconverge-lab}

# The lab addresses exist once per machine: a benchmark takes turns with test runs through the lock file the
# integration tests hold (a POSIX lock, as Java's FileChannel.lock takes it), re-running itself under it.
if [ -z "${PGCONVERGE_LAB_LOCK_HELD:-}" ]; then
  export PGCONVERGE_LAB_LOCK_HELD=1
  exec python3 -c 'import fcntl, os, sys
fd = os.open("/tmp/pgconverge-test-labs.lock", os.O_CREAT | os.O_WRONLY, 0o644)
os.set_inheritable(fd, True)
fcntl.lockf(fd, fcntl.LOCK_EX)
os.execvp("bash", ["bash"] + sys.argv[1:])' "$0" "$@"
fi

ensure_tools() {
  "$root/scripts/install-deps"
  if [ ! -x /usr/bin/time ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
  fi
  (cd "$root" && mvn -q -B -DskipTests package)
}

# Demo secrets kept in the lab directory, read through the playbook's {env: ...} references.
export_lab_secrets() {
  local dir="$PGCONVERGE_LAB_DIR/secrets"
  mkdir -p "$dir" && chmod 700 "$dir"
  for name in repl postgres pgpool; do
    [ -s "$dir/$name" ] || (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$dir/$name")
  done
  export PGC_REPL_PASSWORD=$(cat "$dir/repl") PGC_POSTGRES_PASSWORD=$(cat "$dir/postgres") \
    PGC_PGPOOL_PASSWORD=$(cat "$dir/pgpool")
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
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2]+a[NR/2+1])/2}')
  printf '%-40s median %6.2f s   peak RSS %4d MB   (%d runs)\n' "$label" "$median" $((rss / 1024)) "$runs"
}

# A fresh lab of the benchmarks' own in a new directory (the lab addresses exist once: any other lab is
# stopped first). Prints the directory. bench_lab_done DIR stops it and removes the directory it made.
bench_lab() {
  local nodes=${1:-3} dir
  "$pgc" lab down >/dev/null 2>&1 || true
  dir=$(mktemp -d /tmp/pgconverge-bench-XXXXXX)
  chmod 755 "$dir"
  # a lab's sshd that was just stopped may still hold port 2222 for a moment
  "$pgc" lab up --nodes "$nodes" --dir "$dir" >/dev/null 2>&1 || { sleep 3; "$pgc" lab up --nodes "$nodes" --dir "$dir" >/dev/null; }
  echo "$dir"
}

bench_lab_done() {
  local dir=$1
  case "$dir" in /tmp/pgconverge-bench-*) ;; *) echo "not a benchmark lab: $dir" >&2; return 1 ;; esac
  "$pgc" lab down --dir "$dir" >/dev/null
  rm -rf -- "$dir"
}

# seconds since the epoch with fractions, for timing one run
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# Loads about 230 MB into node1 of a lab with pgbench -i -s 15.
load_pgbench() {
  local dir=$1
  runuser -u postgres -- "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/pgbench" -q -i -s 15 \
    -h "$dir/node1/run" -p 5441 postgres >/dev/null 2>&1
}
