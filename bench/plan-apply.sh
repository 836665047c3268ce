#!/usr/bin/env bash
# Issue 4: wall time and peak RSS of the first apply of playbooks/ha-cluster.yml on a fresh 3-node lab, and of
# a no-op plan afterwards (median of 10), whole process including JVM start.
source "$(dirname "$0")/lib.sh"
ensure_tools
export_lab_secrets
cd "$root"
dir=$(bench_lab 3)
inv="$dir/inventory.yml"
measure "first apply (fresh lab, 3 nodes)" 1 "$pgc" apply playbooks/ha-cluster.yml -i "$inv" --yes
measure "no-op plan (3 nodes)" 10 "$pgc" plan playbooks/ha-cluster.yml -i "$inv" --detailed-exitcode
bench_lab_done "$dir"
