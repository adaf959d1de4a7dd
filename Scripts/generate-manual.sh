#!/bin/sh
# Makes Docs/heed.1, heed's man page, from the command definitions with swift-argument-parser's
# generate-manual plugin (a debug build: it reuses the build `swift test` made).
#   Scripts/generate-manual.sh
# Install it: install -Dm644 Docs/heed.1 ~/.local/share/man/man1/heed.1
set -eu
cd "$(dirname "$0")/.."
swift package generate-manual --configuration debug
cp .build/plugins/GenerateManual/outputs/heed/heed.1 Docs/heed.1
echo "Docs/heed.1 written"
