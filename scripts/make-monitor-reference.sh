#!/usr/bin/env bash
# Makes the monitor's reference data from real runs of the bundled model on synthetic exams:
#   Sources/Inference/Models/mammoterm-lesion-v1.reference.json   the model's validation reference
#       (`monitor --reference validation`): 300 current exams, default profile, seed 1890;
#   Tests/MonitorTests/Fixtures/stable-pool.json   300 more exams of the same profile (seed 1891),
#       which the seeded stable scenarios of MonitorScenarioTests draw their sites from;
#   Tests/MonitorTests/Fixtures/vendor-b-pool.json   80 exams of the vendor-b profile (seed 1892).
# Each: synth (study dates over 26 weeks from 2025-01-06), import, `analyze --samples 0` (the
# exam probability is the plain pass's; the scenario analyses the same way), then `monitor
# --save-reference` on the current exams (priors left out). Takes some minutes in a release
# build; rerun after the model, synth or the input statistics change, and commit the files.
# MAMMOTERM=PATH uses another build.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${MAMMOTERM:-$PWD/.build/release/mammoterm}
if [[ -z ${MAMMOTERM:-} ]]; then swift build -c release --product mammoterm >/dev/null; fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p Tests/MonitorTests/Fixtures

make_one() {  # NAME EXAMS SEED PROFILE SITE OUTPUT
    local name=$1 exams=$2 seed=$3 profile=$4 site=$5 output=$6
    echo "$name: $exams exams, seed $seed, profile $profile"
    "$bin" synth --exams "$exams" --seed "$seed" --profile "$profile" --site "$site" --start-date 20250106 --weeks 26 \
        --compression none --out "$work/$name" >/dev/null
    "$bin" import "$work/$name" --library "$work/$name.sqlite" >/dev/null
    "$bin" analyze --all --samples 0 --library "$work/$name.sqlite" >/dev/null
    "$bin" monitor --library "$work/$name.sqlite" --from 20250106 --save-reference "$output"
}
make_one validation 300 1890 default Validation Sources/Inference/Models/mammoterm-lesion-v1.reference.json
make_one stable-pool 300 1891 default Pool Tests/MonitorTests/Fixtures/stable-pool.json
make_one vendor-b-pool 80 1892 vendor-b Pool Tests/MonitorTests/Fixtures/vendor-b-pool.json
