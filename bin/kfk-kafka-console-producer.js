#!/usr/bin/env node
'use strict';
// kafka-console-producer's command line, run by kfk (a drop-in for runbooks).
require('./launch.js').run(['compat', 'kafka-console-producer', ...process.argv.slice(2)]);
