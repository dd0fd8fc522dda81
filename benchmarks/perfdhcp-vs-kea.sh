#!/usr/bin/env bash
# perfdhcp side by side: Debian's kea-dhcp4 2.2 and kakapo-dhcp4 on the same machine, in one run,
# with the same configuration file (memfile lease file persisted, multi-threading as in the seed
# article: 4 threads, packet queue 28), answering perfdhcp acting as a relay on loopback.
# For each server the offered rate rises by 25 % a step until more than 1 % of the exchanges are
# lost, then two halvings between the last rate kept and the first lost narrow it down to about
# 6 %: the highest rate with at most 1 % loss is the server's sustained rate.
#
# A third contestant runs first when a C compiler is at hand: benchmarks/responder/fast-responder.c,
# a stateless responder that does nothing but answer. Its rate is perfdhcp's own ceiling on this
# machine (perfdhcp shares the cores with the server), the most any server can show here. Each
# server gets the same warm-up first (30,000 exchanges at 3,000/s, 45,000 at 1,500/s for a pair:
# a JVM compiles its hot code then). The srv-drop column counts the datagrams the kernel dropped at the server's socket during
# the step; loss with srv-drop at 0 was lost in perfdhcp's socket, not the server's.
#
# perfdhcp runs on CPU 0 and every server on the other CPUs (taskset), so that a server that burns
# CPU cannot starve the load generator and a server's threads wake each other on their own cores.
# PIN=0 in the environment leaves placement to the scheduler (perfdhcp and server then compete).
#
# Usage (as root, from the project root, after mvn package):
#   benchmarks/perfdhcp-vs-kea.sh [seconds-per-step] [first-rate] [max-rate]
# CONTESTANTS in the environment picks who runs, in order: responder, kea, kakapo; kea-info /
# kakapo-info, the same servers logging at INFO to a file instead of WARN (what INFO logging
# costs: Kea writes a line per lease at INFO, Kakapo none); kea-pair / kakapo-pair, a hot-standby
# pair of the server (primary 127.0.0.1, standby 127.0.0.2, HA's dedicated listeners on 8001 and
# 8002, lease updates on and acknowledged before each DHCPACK), loaded through the primary.
# Both servers of a pair share the server CPUs.
# RESULTS=DIR keeps what the run measured, for benchmarks/run-all.sh's report: DIR/steps.csv (a
# line per step) and, per contestant, one more step at Kea's best rate (Kea's pair's for a pair)
# with perfdhcp recording every packet's timestamps (-x t), for the delay percentiles:
# DIR/<contestant>/delays.txt, its rate in DIR/delays.csv. That step is apart because -x t costs
# perfdhcp about a quarter of its own rate, which would lower every contestant's ceiling.
# LOADGEN=dora-blast swaps perfdhcp for benchmarks/loadgen/dora-blast.c (compiled here), a C
# generator of the same relayed 4-way exchanges that can offer several times perfdhcp's ceiling:
# for the rate of a server faster than perfdhcp can show. It keeps no per-packet timestamps, so
# the delay step of RESULTS is left out with it.
# BENCH_DIR=DIR puts the run's files, the servers' lease files among them, under DIR instead of
# /tmp: BENCH_DIR=/dev/shm keeps them in memory, which shows what the disk's writeback costs each
# server (see docs/performance.md).
# Everything runs in a network namespace this script creates and deletes (its own loopback,
# 127.0.0.1 and 127.0.0.2 for the servers, 127.0.0.250 for perfdhcp's relay address).
set -euo pipefail

step_seconds=${1:-5}
first_rate=${2:-1000}
max_rate=${3:-64000}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${BENCH_DIR:-/tmp}/kakapo-bench.XXXXXX")
ns="kk-bench-$$"
server_pid="" standby_pid=""
results=${RESULTS:-}

cleanup() {
    for pid in $server_pid $standby_pid; do
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid"; wait "$pid" 2>/dev/null || true
        fi
    done
    ip netns delete "$ns" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

for tool in ip ss perfdhcp kea-dhcp4; do
    command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install kea-dhcp4-server kea-admin iproute2)" >&2; exit 1; }
done
ls "$root"/target/lib/kakapo-core-server-*.jar >/dev/null 2>&1 || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }

ip netns add "$ns"
ip -n "$ns" link set lo up
ip -n "$ns" addr add 127.0.0.2/8 dev lo
ip -n "$ns" addr add 127.0.0.250/8 dev lo
if [ -n "$results" ]; then
    mkdir -p "$results"
    echo "contestant,offered,achieved,sent,acked,loss_percent,do_avg_ms,ra_avg_ms,cpu_us_per_exchange,server_socket_drops" \
        > "$results/steps.csv"
    echo "contestant,rate" > "$results/delays.csv"
fi

config() { # $1 = lease file, $2 = severity of the file logger, $3 = this server's address, $4 = hooks-libraries
    cat <<JSON
{"Dhcp4": {
  "interfaces-config": {"interfaces": ["lo/${3:-127.0.0.1}"], "dhcp-socket-type": "udp"},
  "control-socket": {"socket-type": "unix", "socket-name": "$work/$(basename "$1" .csv).sock"},
  "hooks-libraries": [${4:-}],
  "lease-database": {"type": "memfile", "persist": true, "name": "$1", "lfc-interval": 0},
  "multi-threading": {"enable-multi-threading": true, "thread-pool-size": 4, "packet-queue-size": 28},
  "valid-lifetime": 3600,
  "subnet4": [{"id": 1, "subnet": "10.0.0.0/8", "pools": [{"pool": "10.0.0.10-10.255.255.200"}],
               "relay": {"ip-addresses": ["127.0.0.250"]},
               "option-data": [{"name": "routers", "data": "10.0.0.1"}]}],
  "loggers": [{"name": "kea-dhcp4", "severity": "${2:-WARN}", "output_options": [{"output": "$work/$(basename "$1" .csv).log"}]}]
}}
JSON
}

# The HA part of a pair member's configuration: hot-standby, Kea's usual timers, HA's
# multi-threading with the dedicated listeners (no Control Agent), lease updates acknowledged.
ha_hooks() { # $1 = this server's name (primary | standby)
    local hooks=/usr/lib/x86_64-linux-gnu/kea/hooks
    cat <<JSON
{"library": "$hooks/libdhcp_lease_cmds.so"},
{"library": "$hooks/libdhcp_ha.so", "parameters": {"high-availability": [{
  "this-server-name": "$1", "mode": "hot-standby",
  "heartbeat-delay": 1000, "max-response-delay": 3000, "max-ack-delay": 1000, "max-unacked-clients": 0,
  "multi-threading": {"enable-multi-threading": true, "http-dedicated-listener": true,
                      "http-listener-threads": 4, "http-client-threads": 4},
  "peers": [{"name": "primary", "url": "http://127.0.0.1:8001/", "role": "primary"},
            {"name": "standby", "url": "http://127.0.0.2:8002/", "role": "standby"}]}]}}
JSON
}

cpu_ticks() { # utime + stime of the server processes, in clock ticks
    local pid total=0
    for pid in "$@"; do
        total=$(( total + $(awk '{print $14 + $15}' "/proc/$pid/stat") ))
    done
    echo "$total"
}

load_on="" server_on=""
if [ "${PIN:-1}" = 1 ] && [ "$(nproc)" -gt 1 ]; then
    load_on="taskset -c 0" server_on="taskset -c 1-$(( $(nproc) - 1 ))"
fi

server_socket_drops() { # datagrams dropped so far at the socket on 127.0.0.1:67
    ip netns exec "$ns" ss -uamn 'src 127.0.0.1:67' | grep -oE '\bd[0-9]+' | tr -d d | head -1
}

contestants="kea kakapo"
if command -v cc >/dev/null; then
    cc -O2 -o "$work/fast-responder" "$root/benchmarks/responder/fast-responder.c"
    contestants="responder kea kakapo"
else
    echo "no C compiler: perfdhcp's own ceiling (fast-responder) is not measured" >&2
fi
contestants=${CONTESTANTS:-$contestants}

loadgen=perfdhcp
if [ "${LOADGEN:-perfdhcp}" = dora-blast ]; then
    cc -O2 -o "$work/dora-blast" "$root/benchmarks/loadgen/dora-blast.c"
    loadgen="$work/dora-blast"
elif [ "${LOADGEN:-perfdhcp}" != perfdhcp ]; then
    echo "LOADGEN is perfdhcp or dora-blast, not $LOADGEN" >&2
    exit 1
fi

launch() { # $1 = kea | kakapo, $2 = configuration file, $3 = output file; prints the PID
    if [ "$1" = kea ]; then
        ip netns exec "$ns" $server_on env KEA_PIDFILE_DIR="$work" KEA_LOCKFILE_DIR="$work" \
            kea-dhcp4 -c "$2" > "$3" 2>&1 &
    else
        ip netns exec "$ns" $server_on "$root/bin/kakapo-dhcp4" -c "$2" > "$3" 2>&1 &
    fi
    echo $!
}

await_serving() { # $1 = kea | kakapo, $2 = output file, $3 = PID
    if [ "$1" = kea ]; then
        sleep 2
    else
        for _ in $(seq 1 600); do grep -q "kakapo-dhcp4: serving" "$2" && break; sleep 0.1; done
    fi
    kill -0 "$3" || { cat "$2" >&2; exit 1; }
}

ha_state() { # $1 = control socket: the local server's HA state
    echo '{"command": "status-get"}' | socat -t 5 - "UNIX-CONNECT:$1" 2>/dev/null \
        | jq -r '.arguments["high-availability"][0]["ha-servers"].local.state' 2>/dev/null || true
}

start_server() { # $1 = responder | kea | kakapo | kea-info | kakapo-info | kea-pair | kakapo-pair
    local name=$1 severity=WARN kind=${1%%-*}
    case "$name" in *-info) severity=INFO ;; esac
    if [ "$name" = responder ]; then
        ip netns exec "$ns" $server_on "$work/fast-responder" 127.0.0.1 67 > "$work/$name.out" 2>&1 &
        server_pid=$!
        sleep 0.5
        kill -0 "$server_pid" || { cat "$work/$name.out" >&2; exit 1; }
    elif [ "${name#*-}" = pair ]; then
        config "$work/$name-primary-leases.csv" WARN 127.0.0.1 "$(ha_hooks primary)" > "$work/$name-primary.json"
        config "$work/$name-standby-leases.csv" WARN 127.0.0.2 "$(ha_hooks standby)" > "$work/$name-standby.json"
        server_pid=$(launch "$kind" "$work/$name-primary.json" "$work/$name-primary.out")
        standby_pid=$(launch "$kind" "$work/$name-standby.json" "$work/$name-standby.out")
        await_serving "$kind" "$work/$name-primary.out" "$server_pid"
        await_serving "$kind" "$work/$name-standby.out" "$standby_pid"
        for _ in $(seq 1 300); do
            [ "$(ha_state "$work/$name-primary-leases.sock")" = hot-standby ] \
                && [ "$(ha_state "$work/$name-standby-leases.sock")" = hot-standby ] && return
            sleep 0.2
        done
        echo "$name: the pair did not reach hot-standby within 60 s" >&2
        tail -20 "$work/$name-primary.out" "$work/$name-standby.out" >&2
        exit 1
    else
        config "$work/$name-leases.csv" "$severity" > "$work/$name.json"
        server_pid=$(launch "$kind" "$work/$name.json" "$work/$name.out")
        await_serving "$kind" "$work/$name.out" "$server_pid"
    fi
}

stop_server() { # the servers were started in a subshell ($(launch ...)): wait by polling, not by wait
    for pid in $server_pid $standby_pid; do
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    server_pid="" standby_pid=""
}

# One step: perfdhcp at rate $1 for $3 seconds (step_seconds by default), fresh clients each
# step (base MAC $2); its output kept in file $4 when given, with every packet's timestamps when
# $5 is "timestamps". Prints: offered achieved sent acked loss% avg-DO-ms avg-RA-ms
# cpu-us-per-exchange server-socket-drops
step() {
    local rate=$1 mac=$2 n=$(( $1 * ${3:-$step_seconds} ))
    local before after drops_before drops_after out timestamps=""
    [ "${5:-}" != timestamps ] || timestamps="-x t"
    before=$(cpu_ticks $server_pid $standby_pid)
    drops_before=$(server_socket_drops)
    out=$(ip netns exec "$ns" $load_on "$loadgen" -4 -l 127.0.0.250 -r "$rate" -n "$n" -R 4000000 -b "mac=$mac" \
          -W 1000000 $timestamps 127.0.0.1 2>&1 || true)
    if [ -n "$results" ] && [ -n "${4:-}" ]; then
        echo "$out" > "$4"
    fi
    after=$(cpu_ticks $server_pid $standby_pid)
    drops_after=$(server_socket_drops)
    echo "$out" | awk -v rate="$rate" -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" \
                      -v drops=$((drops_after - drops_before)) '
        /^Rate:/ {achieved=$2}
        /sent packets:/ {sent[++s]=$3}
        /received packets:/ {recv[++r]=$3}
        /avg delay:/ {gsub("ms","",$3); delay[++d]=$3}
        END {
            loss = sent[1] > 0 ? 100 * (1 - recv[2] / sent[1]) : 100
            cpu = recv[2] > 0 ? ticks / hz * 1e6 / recv[2] : 0
            printf "%d %.0f %d %d %.2f %s %s %.0f %d\n", rate, achieved, sent[1], recv[2], loss, delay[1], delay[2], cpu, drops
        }'
}

# One step of the search, printed and recorded; fails when more than 1 % of the exchanges were lost.
measure() { # $1 = contestant, $2 = rate, $3 = the step's number (its clients' MAC base)
    local line r achieved sent acked loss do_ms ra_ms cpu drops
    line=$(step "$2" "$(printf '02:%02x:00:00:00:00' "$3")")
    read -r r achieved sent acked loss do_ms ra_ms cpu drops <<<"$line"
    [ -z "$results" ] || echo "$1,$r,$achieved,$sent,$acked,$loss,$do_ms,$ra_ms,$cpu,$drops" >> "$results/steps.csv"
    printf '%8d %9s %9d %9d %7s %9s %9s %10s %9s\n' "$r" "$achieved" "$sent" "$acked" "$loss" "$do_ms" "$ra_ms" \
           "$cpu" "$drops"
    awk -v l="$loss" 'BEGIN {exit (l > 1.0)}'
}

declare -A best
run() { # $1 = a contestant
    local name=$1 rate=$first_rate i=0
    best[$name]=0
    start_server "$name"
    # warm-up, not counted (the JIT, caches); a pair's JVMs have the HA code to compile as well
    case "$name" in
        *-pair) step 1500 "02:ff:00:00:00:00" 30 >/dev/null ;;
        *) step 3000 "02:ff:00:00:00:00" 10 >/dev/null ;;
    esac
    printf '\n%s\n%8s %9s %9s %9s %7s %9s %9s %10s %9s\n' "$name" offered achieved sent acked loss% DO-ms RA-ms \
           cpu-us/ex srv-drop
    local failed=0
    while [ "$rate" -le "$max_rate" ]; do
        if ! measure "$name" "$rate" $((i += 1)); then
            failed=$rate
            break
        fi
        best[$name]=$rate
        rate=$(( rate * 5 / 4 ))
    done
    # Two halvings between the last rate kept and the first lost: the answer to within about 6 %.
    for _ in 1 2; do
        [ "$failed" -gt 0 ] && [ "${best[$name]}" -gt 0 ] || break
        rate=$(( (best[$name] + failed) / 2 ))
        if measure "$name" "$rate" $((i += 1)); then best[$name]=$rate; else failed=$rate; fi
    done
    if [ -n "$results" ] && [ "$loadgen" = perfdhcp ]; then
        local kea_name=${name/kakapo/kea} at
        at=${best[$kea_name]:-0}
        [ "$at" -gt 0 ] || at=${best[$name]}
        if [ "$at" -gt 0 ]; then
            mkdir -p "$results/$name"
            step "$at" "02:fe:00:00:00:00" "$step_seconds" "$results/$name/delays.txt" timestamps >/dev/null
            echo "$name,$at" >> "$results/delays.csv"
        fi
    fi
    stop_server
}

placement="no CPU pinning"
[ -z "$load_on" ] || placement="$(basename "$loadgen") on CPU 0, servers on the others"
echo "$(basename "$loadgen") vs servers, $step_seconds s per step, rates $first_rate..$max_rate exchanges/s, $(nproc) cores, $placement"
for contestant in $contestants; do
    run "$contestant"
done
echo
for pair in "kea kakapo" "kea-pair kakapo-pair"; do
    read -r k j <<<"$pair"
    if [ -n "${best[$k]:-}" ] && [ -n "${best[$j]:-}" ]; then
        echo "highest rate with at most 1 % loss: $k ${best[$k]}/s, $j ${best[$j]}/s" \
             "(ratio $(awk -v a="${best[$j]}" -v b="${best[$k]}" 'BEGIN {printf "%.1f", (b > 0 ? a / b : 0)}'))"
    fi
done
for name in "${!best[@]}"; do
    echo "  $name: ${best[$name]}/s"
done
if [ -n "${best[responder]:-}" ]; then
    echo "$(basename "$loadgen")'s own ceiling here (fast-responder): ${best[responder]}/s"
fi
