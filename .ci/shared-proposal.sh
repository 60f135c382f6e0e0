#!/usr/bin/env bash
# Imports the real IGF page in ../shared/proposals and checks its facts through `show --json`.
set -euo pipefail
cd "$(dirname "$0")/.."
page=../shared/proposals/igf2022-ws422-cyber-diplomacy.txt
if [ ! -f "$page" ]; then
  echo "no $page here; skipped"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo run --locked --quiet -- new "$work/ws422.ron" --from-proposal "$page"
cargo run --locked --quiet -- show "$work/ws422.ron" --json > "$work/show.json"
python3 - "$work/show.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
people = {p["name"]: p for p in s["people"]}
def check(what, got, expected):
    if got != expected:
        sys.exit(f"FAIL {what}: got {got!r}, expected {expected!r}")
    print(f"ok   {what}")
check("code", s["code"], "IGF 2022 WS #422")
check("title", s["title"], "Toward a Resilient Internet: Cyber Diplomacy 2.0")
check("start", s["start"], "2022-12-01T13:50:00Z")
check("end", s["end"], "2022-12-01T15:20:00Z")
check("format", s["format"], "Round Table - Circle")
check("duration", s["duration_minutes"], 90)
check("people", len(people), 11)
check("taker", s["taker"], "Bruna Toso de Alcântara")
roles = {
    "Bruna Toso de Alcântara": ["organizer", "rapporteur"],
    "Vinicius W. O. Santos": ["organizer"],
    "Everton T Rodrigues": ["organizer"],
    "Hartmut Richard Glaser": ["organizer"],
    "Beatriz Rossi Corrales": ["organizer"],
    "Alexandre Costa Barbosa": ["organizer", "online-moderator"],
    "Livia Sobota": ["speaker"],
    "Alexandra Paulus": ["speaker"],
    "Veni Markovski": ["speaker"],
    "Koichiro Komiyama": ["speaker"],
    "Rafael Evangelista": ["onsite-moderator"],
}
for name, expected in roles.items():
    check(f"roles of {name}", sorted(people[name]["roles"]), sorted(expected))
groups = {
    "Bruna Toso de Alcântara": ("technical-community", "grulac"),
    "Alexandre Costa Barbosa": ("technical-community", "grulac"),
    "Livia Sobota": ("government", "grulac"),
    "Alexandra Paulus": ("civil-society", "weog"),
    "Veni Markovski": ("technical-community", "eastern-european"),
    "Koichiro Komiyama": ("technical-community", "asia-pacific"),
    "Rafael Evangelista": ("technical-community", "grulac"),
}
for name, expected in groups.items():
    p = people[name]
    check(f"groups of {name}", (p["stakeholder_group"], p["regional_group"]), expected)
check("affiliation of Bruna", people["Bruna Toso de Alcântara"]["affiliation"], "NIC.br/CGI.br")
questions = s["policy_questions"]
check("policy questions", len(questions), 3)
check("question 1", questions[0]["text"].startswith("Do public attribution of cyber attacks"), True)
check("question 3", questions[2]["text"].endswith("better protect the Internet?"), True)
check("SDGs", [g.split(".")[0] for g in s["sdgs"]], ["9", "16", "17"])
PY
