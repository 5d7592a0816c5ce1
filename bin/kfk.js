#!/bin/sh
':' //; if [ -n "$NODE_EXTRA_CA_CERTS" ]; then export KFK_NODE_EXTRA_CA_CERTS="$NODE_EXTRA_CA_CERTS"; unset NODE_EXTRA_CA_CERTS; fi; exec node "$0" "$@"
'use strict';
// Run as a command, this file starts as a shell script (the line above; JavaScript reads it as a
// string and a comment): Node reads NODE_EXTRA_CA_CERTS at every start, which can cost more than
// the rest of a short command, so kfk reads that file itself, only when it opens a TLS connection
// (bin/launch.js, src/config/connection.ts). `node <this file>` runs it as before.
require('./launch.js').run(process.argv.slice(2));
