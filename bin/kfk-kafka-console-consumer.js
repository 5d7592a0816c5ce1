#!/usr/bin/env node
'use strict';
// kafka-console-consumer's command line, run by kfk (a drop-in for runbooks).
require('./launch.js').run(['compat', 'kafka-console-consumer', ...process.argv.slice(2)]);
