#!/usr/bin/env bash
# Whole-process wall time of `pgconverge facts` on the 3-node lab and on a 9-node lab (median of 10).
source "$(dirname "$0")/lib.sh"
ensure_tools
export_lab_secrets
cd "$root"
"$pgc" lab up --nodes 3 >/dev/null
measure "facts, 3 nodes, forks 10" 10 "$pgc" facts playbooks/ha-cluster.yml -i inventories/lab.yml
nine=$(bench_lab 9)
inv="$nine/inventory.yml"
measure "facts, 9 nodes, forks 10" 10 "$pgc" facts playbooks/ha-cluster.yml -i "$inv"
measure "facts, 9 nodes, forks 3" 10 "$pgc" facts playbooks/ha-cluster.yml -i "$inv" --forks 3
measure "facts, 9 nodes, forks 1" 10 "$pgc" facts playbooks/ha-cluster.yml -i "$inv" --forks 1
bench_lab_done "$nine"
"$pgc" lab up >/dev/null
