#!/usr/bin/env bash
# Whole-process wall time of `pgconverge facts` on a 3-node lab and on a 9-node lab, by forks (median of 5).
source "$(dirname "$0")/lib.sh"
ensure_tools
export_lab_secrets
cd "$root"
trap 'lab_purge || true' EXIT
fresh_lab 3
converge >/dev/null
measure "facts, 3 nodes, forks 10" 5 "$pgc" facts "$playbook" -i "$lab/inventory.yml"
fresh_lab 9
inv="$lab/inventory.yml"
measure "facts, 9 nodes, forks 10" 5 "$pgc" facts "$playbook" -i "$inv"
measure "facts, 9 nodes, forks 3" 5 "$pgc" facts "$playbook" -i "$inv" --forks 3
measure "facts, 9 nodes, forks 1" 5 "$pgc" facts "$playbook" -i "$inv" --forks 1
