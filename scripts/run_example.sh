#!/usr/bin/env bash
# The main job: set up (if needed) and code the German seed article into events.
# Usage: bash scripts/run_example.sh   -> writes events/seed_events.csv and prints it
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/eventcoder ] || bash scripts/setup.sh
.venv/bin/eventcoder code eventcoder/examples/seed_article_de.jsonl --output events/seed_events.csv --overwrite
.venv/bin/python -c "import pandas as pd; pd.set_option('display.width', 200); print(pd.read_csv('events/seed_events.csv', dtype=str, keep_default_na=False)[['source','target','event_code','event_name','mode','event_date','trigger']].to_string())"
