#!/usr/bin/env bash
# Times the goal-seeking what-if: `cxm whatif PROFILE --to OPTION` (release build, default
# options) for every scenario in scenarios/ and for ../shared/trials/pumps.json, once per
# archetype other than the profile's own, and prints per search its wall-clock time and what
# it established: the fewest changes found, no way at all, or (stopped by the time limit)
# the largest size proved impossible, with the evaluations it made (the same on every machine
# for a completed search: a measure that does not depend on the machine's load). Ends with how
# many searches completed within 1 s, the slowest, the most evaluations and the load average.
#
#     Benchmarks/whatif-times.sh [--to OPTION ...] [PROFILE ...]
#
# Each search runs twice; the second run's output must be identical (a completed search is
# deterministic), or the line is marked "DIFFERS". The machine may be shared: the time is the
# faster of the two runs.
set -euo pipefail

root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
targets=()
profiles=()
while [ $# -gt 0 ]; do
    case "$1" in
        --to) targets+=("$2"); shift 2 ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) profiles+=("$1"); shift ;;
    esac
done
[ ${#targets[@]} -gt 0 ] || targets=(champion cherry_picker minimalist fashionista)
if [ ${#profiles[@]} -eq 0 ]; then
    profiles=("$root"/scenarios/*.json)
    [ -f "$root/../shared/trials/pumps.json" ] && profiles+=("$root/../shared/trials/pumps.json")
fi

echo "Building cxm (release)..." >&2
(cd "$root" && swift build -c release --product cxm >/dev/null)

python3 - "$root/.build/release/cxm" "${targets[*]}" "${profiles[@]}" <<'EOF'
import json, os, subprocess, sys, time
cxm, targets, profiles = sys.argv[1], sys.argv[2].split(), sys.argv[3:]

def search(profile, target):
    start = time.perf_counter()
    run = subprocess.run([cxm, "whatif", profile, "--to", target, "--format", "json"], capture_output=True, text=True)
    return time.perf_counter() - start, run

rows, within, total, slowest, most = [], 0, 0, (0, ""), (0, "")
for profile in profiles:
    for target in targets:
        first, run = search(profile, target)
        if run.returncode != 0:
            print(f"{os.path.basename(profile):<52} {target:<14} exit {run.returncode}: {run.stderr.strip()[:80]}")
            continue
        result = json.loads(run.stdout)
        if result["current"] == target:
            continue
        second, again = search(profile, target)
        seconds = min(first, second)
        total += 1
        if result["complete"] and seconds <= 1.0:
            within += 1
        sets = result["counterfactuals"]
        if sets:
            outcome = f"{len(sets[0]['changes'])} changes ({len(sets)} sets)"
        elif result["impossible"]:
            outcome = "no way, any size"
        elif result["complete"]:
            outcome = f"none up to {result['maxChanges']}"
        else:
            outcome = f"no way with {result['sizeCompleted']}"
        state = "" if result["complete"] else "  STOPPED"
        if result["complete"] and again.stdout != run.stdout:
            state += "  DIFFERS"
        name = f"{os.path.basename(profile)} --to {target}"
        slowest = max(slowest, (seconds, name))
        most = max(most, (result["evaluations"], name))
        print(f"{os.path.basename(profile):<52} {target:<14} {seconds * 1000:7.0f} ms {result['evaluations']:>9} ev  {outcome}{state}", flush=True)
print(f"{within} of {total} searches completed within 1 s; slowest {slowest[0] * 1000:.0f} ms ({slowest[1]}); "
      f"most evaluations {most[0]} ({most[1]}); load average {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)")
EOF
