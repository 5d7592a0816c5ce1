#!/usr/bin/env node
'use strict';
require('./launch.js').run(process.argv.slice(2));
