#!/bin/sh
':' //; if [ -n "$NODE_EXTRA_CA_CERTS" ]; then export KFK_NODE_EXTRA_CA_CERTS="$NODE_EXTRA_CA_CERTS"; unset NODE_EXTRA_CA_CERTS; fi; [ -n "$MALLOC_ARENA_MAX" ] || export MALLOC_ARENA_MAX=2 KFK_MALLOC_ARENA_MAX=1; exec node "$0" "$@"
'use strict';
// The shell lines above: see bin/kfk.js.
// kafka-dump-log's command line, run by kfk (a drop-in for runbooks).
require('./launch.js').run(['compat', 'kafka-dump-log', ...process.argv.slice(2)]);
