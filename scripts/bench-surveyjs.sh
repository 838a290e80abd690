#!/usr/bin/env bash
# Side by side with the peer, SurveyJS (issue 14): scores the same 25-item sheet with the npm
# package (target/npm/cxzy) and with survey-core in one Node process, checks that both give the
# same total to the cent, and prints both rates and their ratio (scripts/bench-surveyjs.mjs).
# survey-core is installed into a scratch folder under target/ on first use: a dev-only
# dependency, never in the repo's package.json and never shipped. Needs npm and the registry.
set -euo pipefail
cd "$(dirname "$0")/.."

survey_version=2.5.38
scratch=target/bench-surveyjs

log() { printf '[bench-surveyjs] %s\n' "$*" >&2; }

if [ ! -f target/npm/cxzy/package.json ]; then
  log "no target/npm/cxzy: building it (scripts/package.sh)"
  bash scripts/package.sh
fi

installed=$(node -p "try { require('./$scratch/node_modules/survey-core/package.json').version } catch { '' }")
if [ "$installed" != "$survey_version" ]; then
  log "npm install survey-core@$survey_version into $scratch/"
  mkdir -p "$scratch"
  # Its own package.json, so npm never walks up to the repo's.
  [ -f "$scratch/package.json" ] || echo '{"private": true}' > "$scratch/package.json"
  npm install --prefix "$scratch" "survey-core@$survey_version" --no-audit --no-fund --loglevel=error
fi

node scripts/bench-surveyjs.mjs "$scratch/node_modules/survey-core"
