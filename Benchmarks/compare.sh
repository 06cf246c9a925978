#!/usr/bin/env bash
# Compares this tree's release build with an earlier commit's, in one run: builds the earlier
# commit (default fab05d7, the build before the flat evaluator) in a separate worktree, builds
# this tree, runs both cxm-bench binaries one after the other, times a cold `cxm assess` of a
# scenario with both, and prints each figure with its ratio (new ÷ old for rates, old ÷ new
# for times: above 1 is faster).
#
#     Benchmarks/compare.sh [COMMIT] [--filter TEXT]
#
# The earlier build lives in .build-compare/ (ignored by git; delete it to rebuild). The
# figures are only as quiet as the machine: the benches print how much CPU time other
# processes took during the run.
set -euo pipefail

root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
commit=fab05d7
filter=()
while [ $# -gt 0 ]; do
    case "$1" in
        --filter) filter=(--filter "$2"); shift 2 ;;
        -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) commit=$1; shift ;;
    esac
done
old="$root/.build-compare/$commit"
if [ ! -d "$old" ]; then
    mkdir -p "$root/.build-compare"
    git -C "$root" worktree add --detach "$old" "$commit" >/dev/null
fi

echo "Building $commit (in $old) and this tree, release..." >&2
(cd "$old" && swift build -c release --product cxm-bench >/dev/null && swift build -c release --product cxm >/dev/null)
(cd "$root" && swift build -c release --product cxm-bench >/dev/null && swift build -c release --product cxm >/dev/null)

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
echo "Running the $commit bench..." >&2
"$old/.build/release/cxm-bench" --json "${filter[@]}" > "$results/old.json"
echo "Running this tree's bench..." >&2
"$root/.build/release/cxm-bench" --json "${filter[@]}" > "$results/new.json"

# A cold `cxm assess`: the whole process, median of 21 runs, each build in turn, each on its own
# tree's scenario (the questionnaire changes between versions).
python3 - "$old/.build/release/cxm" "$root/.build/release/cxm" "$old/scenarios/air-products.json" "$root/scenarios/air-products.json" \
    > "$results/assess.json" <<'EOF'
import json, subprocess, sys, time
old, new, old_scenario, new_scenario = sys.argv[1:5]
times = {"old": [], "new": []}
for _ in range(21):
    for name, binary, scenario in (("old", old, old_scenario), ("new", new, new_scenario)):
        start = time.perf_counter()
        subprocess.run([binary, "assess", scenario], stdout=subprocess.DEVNULL, check=True)
        times[name].append((time.perf_counter() - start) * 1000)
print(json.dumps({name: sorted(values)[len(values) // 2] for name, values in times.items()}))
EOF

python3 - "$commit" "$results/old.json" "$results/new.json" "$results/assess.json" <<'EOF'
import json, sys
commit, old_path, new_path, assess_path = sys.argv[1:5]
old = {f["name"]: f for f in json.load(open(old_path))["figures"]}
new_doc = json.load(open(new_path))
new = {f["name"]: f for f in new_doc["figures"]}
assess = json.load(open(assess_path))
machine = new_doc["machine"]
print(f"{machine['cpu']}, {machine['cores']} cores, {machine['memoryGiB']} GiB; {machine['toolchain']}")
print(f"{'figure':<46} {commit:>12} {'now':>12}  {'unit':<10} ratio")
for name, figure in new.items():
    before = old.get(name)
    unit = figure["unit"]
    if before is None:
        print(f"{name:<46} {'':>12} {figure['median']:>12,.2f}  {unit:<10}")
        continue
    rate = "/s" in unit
    ratio = figure["median"] / before["median"] if rate else (before["median"] / figure["median"] if figure["median"] else float("inf"))
    print(f"{name:<46} {before['median']:>12,.2f} {figure['median']:>12,.2f}  {unit:<10} {ratio:.2f}×")
print(f"{'cold cxm assess (process, median of 21)':<46} {assess['old']:>12,.1f} {assess['new']:>12,.1f}  {'ms':<10} {assess['old'] / assess['new']:.2f}×")
for label, path in (("old", old_path), ("new", new_path)):
    share = json.load(open(path)).get("otherProcessesCPUShare")
    if share is not None:
        print(f"other processes during the {label} bench: {share * 100:.0f}% of the machine's CPU time")
EOF
