#!/usr/bin/env bash
# 2,000 connections come and go while a normal Modbus TCP and HTTP client are served; see connections.sh.
exec "$(dirname "${BASH_SOURCE[0]}")/connections.sh" hostile "$@"
