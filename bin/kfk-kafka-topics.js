#!/usr/bin/env node
// kafka-topics's command line, run by kfk (a drop-in for runbooks).
import { main } from '../dist/main.js';
main(['compat', 'kafka-topics', ...process.argv.slice(2)]);
