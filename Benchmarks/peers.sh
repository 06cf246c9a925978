#!/usr/bin/env bash
# The peer decision (12 items → 2 means → a 2×2 `first` table → 40 collected recommendations) in
# cxm and in three peer engines, in one run on the same profiles, one core each:
#   cxm        `cxm batch` over JSON Lines, end to end (Benchmarks/peer-decision/ holds the rules)
#   GoRules ZEN, rego-cpp (OPA's Rego) and CLIPS, through their Python packages (zen-engine,
#   regopy, clipspy), with the scripts in ../shared/peers/
# and prints profiles per second and cxm's ratio to each. Not part of CI.
#
#     Benchmarks/peers.sh [PROFILES]      (default 20000)
#
# The first run makes a Python virtual environment in .build-peers/ and installs the three
# packages into it with pip.
set -euo pipefail

root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
peers="$root/../shared/peers"
count=${1:-20000}
venv="$root/.build-peers/venv"
[ -d "$peers" ] || { echo "peers.sh: $peers is missing (the peer scripts live in ../shared/peers)" >&2; exit 66; }
if [ ! -x "$venv/bin/python" ]; then
    echo "Making $venv and installing zen-engine, regopy and clipspy..." >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet zen-engine regopy clipspy
fi
(cd "$root" && swift build -c release --product cxm >/dev/null)

# The peer scripts' profiles: random.seed(1), each item random.randint(1, 5), 2,000 cycled.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$venv/bin/python" - "$count" > "$work/profiles.jsonl" <<'EOF'
import json, random, sys
random.seed(1)
items = [f"i{k}" for k in range(6)] + [f"s{k}" for k in range(6)]
profiles = [{k: random.randint(1, 5) for k in items} for _ in range(2000)]
for n in range(int(sys.argv[1])):
    print(json.dumps(dict(id=f"p{n}", **profiles[n % len(profiles)])))
EOF

one_core=()
command -v taskset >/dev/null && one_core=(taskset -c 0)
cxm_rate=$("$venv/bin/python" - "$root/.build/release/cxm" "$root/Benchmarks/peer-decision" "$work/profiles.jsonl" "$count" "${one_core[@]}" <<'EOF'
import subprocess, sys, time
cxm, rules, profiles, count, *prefix = sys.argv[1:]
best = None
for _ in range(3):
    start = time.perf_counter()
    subprocess.run(prefix + [cxm, "batch", profiles, "--rules", rules, "--format", "jsonl"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    elapsed = time.perf_counter() - start
    best = elapsed if best is None else min(best, elapsed)
print(f"{int(count) / best:.0f}")
EOF
)

rate() {  # the "N evaluations/s" figure a peer script prints
    "${one_core[@]}" "$venv/bin/python" "$peers/$1" "$2" | grep -o '[0-9,]* evaluations/s' | head -1 | tr -d ',' | cut -d' ' -f1
}
zen=$(rate zen_bench.py "$count")
rego=$(rate rego_bench.py $((count / 10)))
clips=$(rate clips_bench.py $((count / 10)))

grep -m1 "model name" /proc/cpuinfo 2>/dev/null | sed 's/.*: /Machine: /' || true
echo "Profiles: $count (rego-cpp and CLIPS: $((count / 10))), one core each; best of 3 runs for cxm"
printf '%-44s %12s  %s\n' "engine" "profiles/s" "cxm is"
printf '%-44s %12s  %s\n' "cxm batch (JSON Lines in, JSON Lines out)" "$cxm_rate" ""
for peer in "GoRules ZEN (zen-engine):$zen" "rego-cpp (regopy):$rego" "CLIPS (clipspy):$clips"; do
    name=${peer%%:*}
    value=${peer##*:}
    printf '%-44s %12s  %s\n' "$name" "$value" "$(python3 -c "print(f'{$cxm_rate / $value:.1f}× faster')")"
done
