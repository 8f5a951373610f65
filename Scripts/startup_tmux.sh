#!/bin/sh
# Start-up of the real explorer in tmux: from spawning the process until tmux's screen
# shows the tab bar, median of RUNS runs.
#
# The screen is polled with `tmux capture-pane` every few milliseconds, so the figure
# includes up to one polling interval and tmux's own work; `marginscope bench` times
# the same path without a terminal (`marginscope frame --size 80x24`).
#
# Usage: Scripts/startup_tmux.sh [path/to/marginscope] [runs, default 11]
set -eu
bin=${1:-.build/release/marginscope}
runs=${2:-11}
session="marginscope-start-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null || true' EXIT
tmux new-session -d -s "$session" -x 80 -y 24   # a running server, so spawns do not include starting it

times=""
n=0
while [ $n -lt "$runs" ]; do
    start=$(date +%s%N)
    tmux new-window -d -t "$session" -n run "exec $bin"
    until tmux capture-pane -p -t "$session:run" 2>/dev/null | grep -q "MarginScope"; do :; done
    end=$(date +%s%N)
    tmux kill-window -t "$session:run"
    times="$times $(( (end - start) / 1000 ))"
    n=$((n + 1))
done
echo "$times" | tr ' ' '\n' | grep . | sort -n | awk '{ a[NR] = $1 } END {
    m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
    printf "explorer start-up to first frame in tmux: median %.1f ms over %d runs (min %.1f, max %.1f)\n", m / 1000, NR, a[1] / 1000, a[NR] / 1000 }'
