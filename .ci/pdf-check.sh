#!/usr/bin/env bash
# Prints the final report of the fixture session to PDF with headless Chromium, and fails if no
# PDF comes out. Called by .ci/run; `cargo test` itself needs no browser.
# Set PDF_CHECK_KEEP=DIR to keep the HTML and PDF there (to look at the pages with pdftoppm).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
    echo "pdf-check: installing chromium"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

work="${PDF_CHECK_KEEP:-$(mktemp -d)}"
mkdir -p "$work"
html="$work/final.html"
pdf="$work/final.pdf"
rm -f "$html" "$pdf"
fixture=tests/fixtures/ws-attribution.ron

cargo run --locked --quiet -- export "$fixture" final --format html -o "$html"
test -s "$html" || { echo "pdf-check: no HTML was exported" >&2; exit 1; }

profile="$(mktemp -d)"
timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --no-pdf-header-footer --print-to-pdf="$pdf" "file://$(realpath "$html")" \
    >/dev/null 2>&1 || true
rm -rf "$profile"

if [ ! -s "$pdf" ] || [ "$(head -c 5 "$pdf")" != "%PDF-" ]; then
    echo "pdf-check: FAILED: chromium wrote no PDF from $html" >&2
    exit 1
fi
pages="?"
if command -v pdfinfo >/dev/null 2>&1; then
    pages="$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')"
fi
# The last page holds more than the footer (the footer is kept with the block before it).
if command -v pdftotext >/dev/null 2>&1 && [ "$pages" != "?" ]; then
    last="$(pdftotext -f "$pages" -l "$pages" "$pdf" - | grep -v '^[[:space:]]*$' | grep -v 'prepared with rapporteur' || true)"
    if [ -z "$last" ]; then
        echo "pdf-check: FAILED: page $pages of $pdf holds only the footer" >&2
        exit 1
    fi
fi
echo "pdf-check: ok: $pdf ($(wc -c <"$pdf") bytes, $pages pages)"
