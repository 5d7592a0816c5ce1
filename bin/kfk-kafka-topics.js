#!/usr/bin/env node
'use strict';
// kafka-topics's command line, run by kfk (a drop-in for runbooks).
require('./launch.js').run(['compat', 'kafka-topics', ...process.argv.slice(2)]);
