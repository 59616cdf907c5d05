#!/usr/bin/env bash
# Rebuilds the .docx fixtures of tests/import.rs (files_written_by_an_office_suite)
# from their flat OpenDocument sources with LibreOffice, as an office would save
# them: apt-get install libreoffice-writer-nogui, then run this from the repository.
set -euo pipefail
cd "$(dirname "$0")/../tests/fixtures/import"
soffice --headless --convert-to docx --outdir . notice.fodt measures.fodt
# and the example portal's sample (README: zwgk import examples/import/open-day-notice.docx)
cd ../../../examples/import
soffice --headless --convert-to docx --outdir . open-day-notice.fodt
