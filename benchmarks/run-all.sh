#!/usr/bin/env bash
# Every benchmark of the project in one run, and the report:
#   1. JMH, one benchmark per stage (codec, option building, callouts, allocation, lease store,
#      a whole exchange, HA lease updates): RESULTS/jmh.json and jmh.txt;
#   2. perfdhcp side by side (benchmarks/perfdhcp-vs-kea.sh): perfdhcp's ceiling (fast-responder),
#      kea-dhcp4 2.2 and kakapo-dhcp4 alone, then Kea's and Kakapo's hot-standby pairs:
#      RESULTS/perfdhcp/ (needs root: it makes a network namespace; skipped otherwise);
#   2b. the same side by side with dora-blast (benchmarks/loadgen/dora-blast.c, compiled with cc),
#      which offers several times perfdhcp's ceiling: the servers' own limits and the ratios
#      perfdhcp cannot show on a small machine (docs/performance.md): RESULTS/dora-blast/;
#   3. a million leases (dev.kakapo.benchmarks.scale.MillionLeases): start-up, memory,
#      lease4-get-page and HA sync of the whole store: RESULTS/scale/;
#   4. RESULTS/summary.md, RESULTS/perfdhcp.png and RESULTS/dora-blast.png
#      (dev.kakapo.benchmarks.report.Report).
#
# Usage, from anywhere (as root for part 2):
#   benchmarks/run-all.sh [RESULTS-DIRECTORY]      default benchmarks/results/<UTC time>
# Environment: QUICK=1 for a short run (JMH 1 fork x 5 iterations, perfdhcp steps of 3 s);
#   JMH_INCLUDE=regex to run some benchmarks only; CONTESTANTS (see perfdhcp-vs-kea.sh);
#   LEASES (1000000 by default); SKIP="jmh perfdhcp dora-blast scale" to leave parts out.
# Needs: a JDK 17, Maven, and for part 2 perfdhcp, kea-dhcp4, socat and jq (Debian: kea-admin,
# kea-dhcp4-server, socat, jq). Only loopback and the script's own namespace are used.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/benchmarks/results/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out"
out=$(cd "$out" && pwd)
skip=" ${SKIP:-} "
cd "$root"

echo "== building (mvn -DskipTests install)"
mvn -q -B -DskipTests install

if [ "${QUICK:-0}" = 1 ]; then
    jmh_options="-f 1 -wi 3 -i 5 -w 1 -r 1" step_seconds=3
else
    jmh_options="-f 2 -wi 5 -i 10 -w 1 -r 1" step_seconds=5
fi
{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uname -r)"
    echo "java: $(java -version 2>&1 | head -1)"
    echo "kea-dhcp4: $(kea-dhcp4 -v 2>/dev/null || echo none)"
} > "$out/environment.txt"

if [[ $skip != *" jmh "* ]]; then
    echo "== JMH ($jmh_options)"
    # shellcheck disable=SC2086 # the options are words
    java -jar benchmarks/target/benchmarks.jar $jmh_options -rf json -rff "$out/jmh.json" ${JMH_INCLUDE:-} | tee "$out/jmh.txt"
fi

if [[ $skip != *" perfdhcp "* ]]; then
    if [ "$(id -u)" -eq 0 ] && command -v perfdhcp >/dev/null && command -v kea-dhcp4 >/dev/null; then
        echo "== perfdhcp side by side"
        RESULTS="$out/perfdhcp" CONTESTANTS="${CONTESTANTS:-responder kea kakapo kea-pair kakapo-pair}" \
            benchmarks/perfdhcp-vs-kea.sh "$step_seconds" 1000 64000 | tee "$out/perfdhcp.txt"
    else
        echo "== perfdhcp part skipped: it needs root (a network namespace), perfdhcp and kea-dhcp4" >&2
    fi
fi

if [[ $skip != *" dora-blast "* ]]; then
    if [ "$(id -u)" -eq 0 ] && command -v cc >/dev/null && command -v kea-dhcp4 >/dev/null; then
        echo "== dora-blast side by side"
        RESULTS="$out/dora-blast" LOADGEN=dora-blast CONTESTANTS="${CONTESTANTS:-responder kea kakapo kea-pair kakapo-pair}" \
            benchmarks/perfdhcp-vs-kea.sh "$step_seconds" 1000 128000 | tee "$out/dora-blast.txt"
    else
        echo "== dora-blast part skipped: it needs root (a network namespace), a C compiler and kea-dhcp4" >&2
    fi
fi

if [[ $skip != *" scale "* ]]; then
    echo "== ${LEASES:-1000000} leases"
    java @jvm.options -cp benchmarks/target/benchmarks.jar dev.kakapo.benchmarks.scale.MillionLeases \
        "$root" "$out/scale" "${LEASES:-1000000}"
    rm -rf "$out"/scale/*.csv "$out"/scale/*.kakapo   # hundreds of MB; the table and logs stay
fi

echo "== report"
java -cp benchmarks/target/benchmarks.jar dev.kakapo.benchmarks.report.Report "$out" > /dev/null
echo "results in $out: summary.md, perfdhcp.png, dora-blast.png, jmh.json, perfdhcp/, dora-blast/, scale/"
