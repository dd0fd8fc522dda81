#!/usr/bin/env bash
# The HA fault suite (core-server's dev.kakapo.server.hafaults) against several pairs, and its
# table for docs/ha-faults.md: each fault of Fault.java under 200 new clients a second, the
# client-side ledger checked for addresses given to two clients and acknowledged leases a
# server does not hold after the heal.
#
# Usage, as root (namespaces, iptables), from anywhere:
#   benchmarks/ha-faults.sh [RESULTS-DIRECTORY]      default benchmarks/results/ha-faults-<UTC time>
# Environment:
#   PAIRS     the pairs, each primary,standby (default "kakapo,kakapo kea,kea kakapo,kea kea,kakapo")
#   SUITES    the modes' suites (default all four: HotStandbyFaultsIT LoadBalancingFaultsIT
#             PassiveBackupFaultsIT HubAndSpokeFaultsIT; the hub and spoke is Kakapo's only, run once a round)
#   FAULTS    Fault names, comma-separated (default: all)
#   REPEAT    how many times the whole set runs (default 1; a soak: REPEAT=20)
#   MAX_MINUTES  the run stops starting new rounds after this (default 240)
#   TABLE     a results.jsonl (or several, space-separated) to make the table of, without running anything
# Needs kea-dhcp4 2.2 with its HA library, iptables and libfaketime (.ci/run installs them).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/benchmarks/results/ha-faults-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out"
out=$(cd "$out" && pwd)
pairs=${PAIRS:-"kakapo,kakapo kea,kea kakapo,kea kea,kakapo"}
suites=${SUITES:-"HotStandbyFaultsIT LoadBalancingFaultsIT PassiveBackupFaultsIT HubAndSpokeFaultsIT"}
repeat=${REPEAT:-1}
deadline=$(( $(date +%s) + ${MAX_MINUTES:-240} * 60 ))
cd "$root"

table() {
    # One row per fault, one column per relationship: addresses given to two clients (for mixed
    # pairs also how many of them Kakapo gave), acknowledged leases lost, the longest time without
    # a DHCPACK; several rounds add up (counts) or keep the worst (time).
    jq -rs '
      def firsts(f): reduce (.[] | f) as $x ([]; if index([$x]) then . else . + [$x] end);
      def cell: "\(.dup) / \(.lost) / \(.gap / 1000 | . * 10 | round / 10) s\(if .settled then "" else " (not settled)" end)";
      firsts(.lab) as $labs
      | firsts(.fault) as $faults
      | "| fault | " + ($labs | join(" | ")) + " |",
        "| --- |" + ($labs | map(" --- |") | join("")),
        ($faults[] as $f
          | "| `\($f)` | "
            + ([$labs[] as $l
                | [.[] | select(.lab == $l and .fault == $f)]
                | if length == 0 then "-"
                  else {dup: (map(.["duplicate-addresses"]) | add), lost: (map(.lost) | add),
                        gap: (map(.["longest-gap-ms"]) | max), settled: (map(.settled) | all)} | cell end]
               | join(" | ")) + " |")
    ' "$@"
}

if [ -n "${TABLE:-}" ]; then
    # shellcheck disable=SC2086 # one word per file
    table $TABLE
    exit 0
fi

mvn -q -B -DskipTests install
results="$root/core-server/target/ha-faults/results.jsonl"
rm -f "$results"
for round in $(seq 1 "$repeat"); do
    for suite in $suites; do
        for pair in $pairs; do
            if [ "$(date +%s)" -ge "$deadline" ]; then
                echo "MAX_MINUTES reached; stopping in round $round"
                break 3
            fi
            if [ "$suite" = HubAndSpokeFaultsIT ] && [ "$pair" != "${pairs%% *}" ]; then
                continue  # Kea 2.2 has no hub and spoke: the suite is all Kakapo whatever the pair
            fi
            echo "== round $round: $suite, $pair"
            mvn -B -o -pl core-server verify -Dit.test="$suite" -Dtest=none \
                -Dsurefire.failIfNoSpecifiedTests=false -Dkakapo.hafaults.software="$pair" \
                -Dkakapo.hafaults.only="${FAULTS:-}" > "$out/round-$round-$suite-${pair/,/-}.log" 2>&1 || true
        done
    done
done
cp "$results" "$out/results.jsonl"

table "$out/results.jsonl" > "$out/table.md"
echo "== $out/table.md (cells: addresses given to two clients / acknowledged leases lost / longest time without an ACK)"
cat "$out/table.md"
