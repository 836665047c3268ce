#!/usr/bin/env bash
# Issue 4: wall time and peak RSS of the first apply of playbooks/ha-cluster.yml on a fresh 3-node lab, and of
# a no-op plan afterwards (median of 5), whole process including JVM start.
source "$(dirname "$0")/lib.sh"
ensure_tools
export_lab_secrets
cd "$root"
trap 'lab_purge || true' EXIT
fresh_lab 3
measure "first apply (fresh lab, 3 nodes)" 1 "$pgc" apply "$playbook" -i "$lab/inventory.yml" --yes
measure "no-op plan (3 nodes)" 5 "$pgc" plan "$playbook" -i "$lab/inventory.yml" --detailed-exitcode
