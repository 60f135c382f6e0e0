#!/usr/bin/env bash
# Exports the final report of the fixture session as a Word document, converts it to PDF with
# LibreOffice, and fails if no PDF comes out. Called by .ci/run; `cargo test` itself needs no
# office suite. Set DOCX_CHECK_KEEP=DIR to keep the .docx and .pdf there (to look at the pages
# with pdftoppm).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v soffice >/dev/null 2>&1; then
    echo "docx-check: installing libreoffice-writer"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        libreoffice-writer >/dev/null
fi

work="${DOCX_CHECK_KEEP:-$(mktemp -d)}"
mkdir -p "$work"
docx="$work/final.docx"
pdf="$work/final.pdf"
rm -f "$docx" "$pdf"
fixture=tests/fixtures/ws-attribution.ron

cargo run --locked --quiet -- export "$fixture" final --format docx -o "$docx"
test -s "$docx" || { echo "docx-check: no Word document was exported" >&2; exit 1; }

# A profile directory of its own, so that a LibreOffice the user has open does not take the job.
profile="$(mktemp -d)"
timeout 180 soffice --headless --norestore "-env:UserInstallation=file://$profile" \
    --convert-to pdf --outdir "$work" "$docx" >/dev/null 2>&1 || true
rm -rf "$profile"

if [ ! -s "$pdf" ] || [ "$(head -c 5 "$pdf")" != "%PDF-" ]; then
    echo "docx-check: FAILED: LibreOffice wrote no PDF from $docx" >&2
    exit 1
fi
pages="?"
if command -v pdfinfo >/dev/null 2>&1; then
    pages="$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')"
fi
echo "docx-check: ok: $pdf ($(wc -c <"$pdf") bytes, $pages pages)"
