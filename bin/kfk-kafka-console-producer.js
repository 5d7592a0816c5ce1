#!/usr/bin/env node
// kafka-console-producer's command line, run by kfk (a drop-in for runbooks).
import { main } from '../dist/main.js';
main(['compat', 'kafka-console-producer', ...process.argv.slice(2)]);
