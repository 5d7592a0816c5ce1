#!/bin/sh
':' //; if [ -n "$NODE_EXTRA_CA_CERTS" ]; then export KFK_NODE_EXTRA_CA_CERTS="$NODE_EXTRA_CA_CERTS"; unset NODE_EXTRA_CA_CERTS; fi; exec node "$0" "$@"
'use strict';
// The shell lines above: see bin/kfk.js.
// kafka-cluster's command line, run by kfk (a drop-in for runbooks).
require('./launch.js').run(['compat', 'kafka-cluster', ...process.argv.slice(2)]);
