#!/bin/sh
# CPU used by the explorer while nothing happens.
#
# Starts `marginscope` in a detached tmux session, waits for its first frame, then
# reads utime + stime and the context-switch counts from /proc/PID over IDLE seconds
# with no input. A blocking read shows 0 ticks and (almost) no wake-ups; a polling loop
# shows one wake-up per poll.
#
# Usage: Scripts/idle_cpu.sh [path/to/marginscope] [idle seconds, default 10] [extra args...]
set -eu
bin=${1:-.build/release/marginscope}
idle=${2:-10}
shift 2 2>/dev/null || shift $#
session="marginscope-idle-$$"
hz=$(getconf CLK_TCK)

tmux new-session -d -s "$session" -x 120 -y 40 "exec $bin $*"
trap 'tmux kill-session -t "$session" 2>/dev/null || true' EXIT
i=0
until tmux capture-pane -p -t "$session" | grep -q "MarginScope"; do
    i=$((i + 1)); [ $i -gt 200 ] && { echo "no first frame after 10 s" >&2; exit 1; }
    sleep 0.05
done
pid=$(tmux list-panes -t "$session" -F '#{pane_pid}')
comm=$(cat "/proc/$pid/comm")
sleep 1  # let start-up work (the first frame's batch, if any) finish

ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
switches() { awk '/ctxt_switches/ { n += $2 } END { print n }' "/proc/$pid/status"; }  # the main (input) thread
t0=$(ticks); s0=$(switches)
sleep "$idle"
t1=$(ticks); s1=$(switches)

cpu_ms=$(( (t1 - t0) * 1000 / hz ))
echo "$comm (pid $pid) idle ${idle} s: utime+stime $((t1 - t0)) ticks (${cpu_ms} ms at ${hz} Hz), main-thread context switches $((s1 - s0))"
