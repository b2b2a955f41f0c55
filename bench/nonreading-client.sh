#!/usr/bin/env bash
# Clients that pipeline requests and never read: what the twin takes and its memory; see connections.sh.
exec "$(dirname "${BASH_SOURCE[0]}")/connections.sh" nonreading "$@"
