#!/usr/bin/env node
// kafka-console-consumer's command line, run by kfk (a drop-in for runbooks).
import { main } from '../dist/main.js';
main(['compat', 'kafka-console-consumer', ...process.argv.slice(2)]);
