#!/bin/sh
':' //; if [ -n "$NODE_EXTRA_CA_CERTS" ]; then export KFK_NODE_EXTRA_CA_CERTS="$NODE_EXTRA_CA_CERTS"; unset NODE_EXTRA_CA_CERTS; fi; [ -n "$MALLOC_ARENA_MAX" ] || export MALLOC_ARENA_MAX=2 KFK_MALLOC_ARENA_MAX=1; case "$1" in produce) exec node --max-semi-space-size=1 "$0" "$@";; esac; exec node "$0" "$@"
'use strict';
// Run as a command, this file starts as a shell script (the line above; JavaScript reads it as a
// string and a comment): Node reads NODE_EXTRA_CA_CERTS at every start, which can cost more than
// the rest of a short command, so kfk reads that file itself, only when it opens a TLS connection
// (bin/launch.js, src/config/connection.ts). They also cap glibc's malloc arenas at two, unless
// MALLOC_ARENA_MAX is set: each thread that compresses for Node's thread pool would keep an arena
// of its own, with the memory it freed still counted (zstd produce: 88 MB peak RSS, 78 MB capped).
// launch.js takes the cap out of the environment of the processes kfk starts. And `kfk produce`
// (and kfk-kafka-console-producer) keeps V8's young generation to 1 MB semispaces (Node's default
// lets it grow to 16 MB): records and requests die young, and a larger young generation is only
// more memory touched (produce of 10M records: 87 MB peak RSS, 78 MB with it; wall time the
// same). Not for other commands: with any V8 flag, Node compiles its own modules instead of
// taking them from its embedded code cache, about 10 ms more for a short command.
// `node <this file>` runs it as before.
require('./launch.js').run(process.argv.slice(2));
