#!/usr/bin/env bash
# The construct tests (test/*.test.ts, test/validation/, test/<kind>/construct* and props*), the example app's
# synthesis (test/newest-aws-cdk-lib/) and the lint of src/ and examples/
# against the newest aws-cdk-lib, rather than the floor the package builds
# with (cdkVersion in .projenrc.ts). The newest version is the one dependency
# of .ci/newest-aws-cdk-lib/, a package of its own, installed here by `npm ci`
# there: in the project's own node_modules, jsii-docgen would read its
# assembly as the floor's (it takes every assembly it finds there).
# Deprecated aws-cdk-lib API throws (test/support/jsii-deprecated-fail.ts)
# and fails the lint.
#
# They run in a copy of the working tree whose node_modules is hard-linked and
# whose node_modules/aws-cdk-lib is the newest version, so that src/, the
# tests, ts-node and cdk-nag (a peer of aws-cdk-lib) all load that one copy.
#
#   scripts/newest-aws-cdk-lib.sh [--update] [--report <file>]
#
# --update   rewrites that version's snapshot, test/newest-aws-cdk-lib/__snapshots__/, in this checkout
# --report   writes jest's JSON report to <file> (.ci/run counts its tests)
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
# As in the test task: the build host runs Node 20, the handlers' runtime is 22.
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
# The Bedrock API model beside this checkout, not beside the copy (test/validation/engine.test.ts derives from it).
BEDROCK_API_MODEL=$(realpath -m "${BEDROCK_API_MODEL:-../shared/aws-models/bedrock-2023-04-20.json}")
export BEDROCK_API_MODEL

update=false report=
while [ $# -gt 0 ]; do
  case $1 in
    --update) update=true ;;
    --report) report=$(realpath -m "$2"); shift ;;
    *) echo "usage: $0 [--update] [--report <file>]" >&2; exit 2 ;;
  esac
  shift
done

newest_package=.ci/newest-aws-cdk-lib
(cd "$newest_package" && npm ci --no-audit --no-fund --loglevel=error) || exit 1
floor=$(node -p "require('./node_modules/aws-cdk-lib/package.json').version") || exit 1
newest=$(node -p "require('./$newest_package/node_modules/aws-cdk-lib/package.json').version") || exit 1
copy=$(mktemp -d /tmp/newest-aws-cdk-lib.XXXXXX)
trap 'rm -rf "$copy"' EXIT
echo "aws-cdk-lib $newest (the floor is $floor), in $copy"

# The working tree as it is, committed or not (ignored files aside); files deleted but still tracked are skipped.
git ls-files -z --cached --others --exclude-standard --deduplicate \
  | while IFS= read -r -d '' file; do [ -e "$file" ] && printf '%s\0' "$file"; done \
  | xargs -0 cp --parents -t "$copy" || exit 1
# Hard links: removing or moving a package in the copy leaves this checkout's node_modules as it is.
cp -al node_modules "$copy/node_modules" || exit 1
rm -rf "$copy/node_modules/aws-cdk-lib"
cp -al "$newest_package/node_modules/aws-cdk-lib" "$copy/node_modules/aws-cdk-lib" || exit 1
# Its own dependencies beside it, where it alone resolves them (the project's are the floor's versions).
mkdir -p "$copy/node_modules/aws-cdk-lib/node_modules" || exit 1
for dependency in "$newest_package"/node_modules/*; do
  [ "$(basename "$dependency")" = aws-cdk-lib ] || cp -al "$dependency" "$copy/node_modules/aws-cdk-lib/node_modules/" || exit 1
done

# One aws-cdk-lib and one constructs for every package: a nested copy would give its dependents another version.
nested=$(find "$copy/node_modules" -mindepth 2 -type d \( -path '*/node_modules/aws-cdk-lib' -o -path '*/node_modules/constructs' \) -print)
if [ -n "$nested" ]; then
  echo "nested copies of aws-cdk-lib or constructs, which would not be the version under test:"
  echo "$nested"
  exit 1
fi

cd "$copy" || exit 1
# The handler bundle the constructs deploy (built, not committed): built here from the copied lambda/.
npx ts-node --transpile-only scripts/bundle-handlers.ts >/dev/null || exit 1

args=(--coverage=false --maxWorkers=100%
  "--testMatch=<rootDir>/test/*.test.ts" "--testMatch=<rootDir>/test/validation/**/*.test.ts"
  # A kind's own construct and prop tests (test/<kind>/).
  "--testMatch=<rootDir>/test/*/construct*.test.ts" "--testMatch=<rootDir>/test/*/props*.test.ts"
  "--testMatch=<rootDir>/test/newest-aws-cdk-lib/**/*.test.ts"
  # The floor's template snapshot, cdk-nag's findings (it asks aws-cdk-lib for the latest runtime) and the demo.
  "--testPathIgnorePatterns=/node_modules/" "--testPathIgnorePatterns=<rootDir>/test/example.test.ts")
if [ -n "$report" ]; then
  mkdir -p "$(dirname "$report")"
  args+=(--json "--outputFile=$report")
fi
if $update; then
  args+=(--updateSnapshot)
else
  args+=(--ci)
fi

status=0
npx jest "${args[@]}" || status=1
ESLINT_USE_FLAT_CONFIG=false NODE_NO_WARNINGS=1 npx eslint --ext .ts --no-error-on-unmatched-pattern src examples || status=1

if $update; then
  cd "$root" || exit 1
  rm -rf test/newest-aws-cdk-lib/__snapshots__
  cp -r "$copy/test/newest-aws-cdk-lib/__snapshots__" test/newest-aws-cdk-lib/ || status=1
  git status --short -- test/newest-aws-cdk-lib/
fi
exit $status
