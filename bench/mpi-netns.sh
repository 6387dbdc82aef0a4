#!/usr/bin/env bash
# Two MPI processes on one machine, each in its own network namespace (as if two machines), joined by a veth pair
# shaped with tc netem, so the synchronisation crosses a real (if emulated) link over TCP.
# Measures, per link: the synchronisation's payload per round and per complete round, the time a
# round takes, training throughput, and the bytes that actually crossed the veth (counters).
# Needs root (ip netns, tc) and the MPI build (MT2ST_MPI=1 swift build -c release).
#
#   bench/mpi-netns.sh CORPUS [OUT_DIR]      e.g. CORPUS = a plain-text slice of base.txt.gz
# Environment: LINKS ("none 1gbit:0.2ms 100mbit:2ms"), EXTRA_ARGS (more `train` options).
set -euo pipefail
CORPUS=${1:?usage: bench/mpi-netns.sh CORPUS [OUT_DIR]}
OUT=${2:-bench/results/mpi-netns-$(date +%Y-%m-%d)}
BIN=${BIN:-$(cd "$(dirname "$0")/.." && pwd)/.build/release/mt2st-embed}
LINKS=${LINKS:-"none 1gbit:0.2ms 100mbit:2ms"}
EXTRA_ARGS=${EXTRA_ARGS:-}
A=mt2st-a B=mt2st-b
mkdir -p "$OUT"
ldd "$BIN" | grep -q libmpi || { echo "$BIN has no MPI: build with MT2ST_MPI=1 swift build -c release" >&2; exit 1; }

cleanup() { ip netns del $A 2>/dev/null || true; ip netns del $B 2>/dev/null || true; }
trap cleanup EXIT
cleanup
ip netns add $A
ip netns add $B
ip link add va netns $A type veth peer name vb netns $B
ip -n $A addr add 10.77.0.1/24 dev va
ip -n $B addr add 10.77.0.2/24 dev vb
for ns in $A $B; do ip -n $ns link set lo up; done
ip -n $A link set va up
ip -n $B link set vb up

export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
# Namespace A is the machine mpirun runs on; B is a "remote" machine reached by a launch agent
# that enters B (instead of ssh), so its Open MPI daemon and rank talk to A over the veth only.
printf '10.77.0.1 slots=1\n10.77.0.2 slots=1\n' > "$OUT/hosts"
cat > "$OUT/agent.sh" <<AGENT
#!/bin/sh
shift # the host name
exec ip netns exec $B sh -c "\$*"
AGENT
chmod +x "$OUT/agent.sh"
printf 'link\twords_per_s\trounds\tfull_rounds\tpayload_per_round\tpayload_per_full\ts_per_round\ts_per_full\tsync_share\tveth_bytes_a_to_b\n' > "$OUT/summary.tsv"
link_note=
for link in $LINKS; do
    for pair in "$A va" "$B vb"; do
        set -- $pair
        ip netns exec "$1" tc qdisc del dev "$2" root 2>/dev/null || true
        if [ "$link" != none ]; then
            if ! ip netns exec "$1" tc qdisc add dev "$2" root netem rate "${link%%:*}" delay "${link##*:}" limit 100000 2>/dev/null; then
                # No sch_netem in this kernel: rate only (token bucket), no added delay.
                echo "netem unavailable: $link shaped by rate only (tbf), without the ${link##*:} delay" >&2
                ip netns exec "$1" tc qdisc add dev "$2" root tbf rate "${link%%:*}" burst 1mbit latency 100ms
                link_note="tbf-rate-only"
            fi
        fi
    done
    before=$(ip netns exec $A cat /sys/class/net/va/statistics/tx_bytes)
    log="$OUT/train-$link.log"
    # btl tcp only (shared memory would bypass the link); each rank sees only its veth.
    ip netns exec $A mpirun --hostfile "$OUT/hosts" --mca plm_rsh_agent "$OUT/agent.sh" \
        --mca btl tcp,self --mca btl_tcp_if_include 10.77.0.0/24 --mca oob_tcp_if_include 10.77.0.0/24 \
        -np 2 --map-by node "$BIN" train --input "$CORPUS" --output "$OUT/vectors-$link.txt" --threads 1 $EXTRA_ARGS \
        2> "$log"
    after=$(ip netns exec $A cat /sys/class/net/va/statistics/tx_bytes)
    rate=$(sed -n 's/^trained .*: \([0-9.]*[kM]*\) words\/s.*/\1/p' "$log")
    sync=$(sed -n 's/^synchronisation: \([0-9]*\) rounds + \([0-9]*\) complete, .* (\(.*\) per round, \(.*\) per complete round), \([0-9.]*\) s per round, \([0-9.]*\) s per complete round, \([0-9.]*\)% of the time/\1\t\2\t\3\t\4\t\5\t\6\t\7/p' "$log")
    printf '%s\t%s\t%s\t%s\n' "$link${link_note:+ ($link_note)}" "$rate" "$sync" "$((after - before))" >> "$OUT/summary.tsv"
    link_note=
    rm -f "$OUT/vectors-$link.txt"
done
column -t -s $'\t' "$OUT/summary.tsv"
