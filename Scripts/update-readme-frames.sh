#!/usr/bin/env bash
# Regenerates README.md's text screenshots with `marginscope frame`.
#
# Each screenshot is a ```text block right after a marker comment that names the
# frame arguments, e.g. <!-- frame: --size 80x24 --screen cosine -->. The block is
# replaced by the output of `marginscope frame <arguments>`; everything else is kept.
# ReadmeFramesTests fails when a block differs from what this script would write.
#
# Usage: Scripts/update-readme-frames.sh [path/to/marginscope]   (default: a fresh debug build)
set -euo pipefail
cd "$(dirname "$0")/.."
binary="${1:-}"
if [[ -z "$binary" ]]; then
    swift build --product marginscope >&2
    binary="$(swift build --show-bin-path)/marginscope"
fi
[[ -x "$binary" ]] || { echo "update-readme-frames: $binary is not an executable" >&2; exit 1; }

output="$(mktemp)"
trap 'rm -f "$output"' EXIT
marker='^<!-- frame: (.*) -->$'
state=copy   # copy | open (expecting ```text) | skip (inside an old block)
while IFS= read -r line || [[ -n "$line" ]]; do
    case "$state" in
    copy)
        printf '%s\n' "$line" >>"$output"
        if [[ "$line" =~ $marker ]]; then
            arguments="${BASH_REMATCH[1]}"
            state=open
        fi
        ;;
    open)
        [[ "$line" == '```text' ]] || { echo "update-readme-frames: no \`\`\`text block after <!-- frame: $arguments -->" >&2; exit 1; }
        printf '%s\n' "$line" >>"$output"
        # The arguments are words separated by spaces, quoted as in the shell when they hold one.
        eval "args=($arguments)"
        "$binary" frame "${args[@]}" >>"$output"
        state=skip
        ;;
    skip)
        if [[ "$line" == '```' ]]; then
            printf '%s\n' "$line" >>"$output"
            state=copy
        fi
        ;;
    esac
done <README.md
[[ "$state" == copy ]] || { echo "update-readme-frames: README.md ends inside a screenshot block" >&2; exit 1; }
cp "$output" README.md
echo "update-readme-frames: README.md screenshots regenerated with $binary" >&2
