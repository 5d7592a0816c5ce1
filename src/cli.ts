// The command tree. Flags shared by every command that talks to Kafka are defined once here
// (addConnectionOptions); each command's body lives in src/commands/ and is loaded only when
// that command runs.
import { Argument, Command, Option } from 'commander';

export type Action = (opts: Record<string, unknown>, command: Command) => Promise<void>;
export type ActionFactory = (module: string) => Action;

const collect = (value: string, previous: string[] = []) => [...previous, value];

export const OUTPUT_FORMATS = ['text', 'table', 'json'] as const;

function examples(...lines: string[]): string {
  return '\nExamples:\n' + lines.map((l) => `  $ ${l}`).join('\n') + '\n';
}

export function addConnectionOptions(cmd: Command, opts: { timeoutFlag?: boolean } = {}): Command {
  const group = 'Connection:';
  cmd.addOption(
    new Option('--bootstrap-server <servers>', 'host:port[,host:port...] (env KFK_BOOTSTRAP_SERVER; default: profile, local cluster, localhost:9092)').helpGroup(group),
  );
  cmd.addOption(new Option('--command-config <file>', 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, ...)').helpGroup(group));
  cmd.addOption(new Option('--command-property <key=value>', 'a Kafka client property; repeatable').argParser(collect).helpGroup(group));
  cmd.addOption(new Option('--profile <name>', 'named profile from the kfk config file (env KFK_PROFILE)').helpGroup(group));
  if (opts.timeoutFlag !== false) {
    cmd.addOption(new Option('--timeout <ms>', 'bound on connecting and on each request (env KFK_TIMEOUT)').default(undefined, '10000').helpGroup(group));
  }
  cmd.addOption(new Option('-v, --verbose', 'client logs and stack traces on stderr').helpGroup(group));
  cmd.addOption(new Option('--no-color', 'never colour output (also NO_COLOR)').helpGroup(group));
  return cmd;
}

function outputOption(): Option {
  return new Option('-o, --output <format>', 'text (Kafka-identical when piped), table or json').choices([...OUTPUT_FORMATS]);
}

export interface ProgramOutput {
  writeOut(text: string): void;
  writeErr(text: string): void;
}

/** The top-level commands, in the order help lists them. */
export const TOP_LEVEL_COMMANDS = ['topic', 'group', 'config', 'cluster', 'offsets', 'produce', 'consume', 'local', 'compat', 'completion', '__complete'] as const;

/**
 * The command tree. With `only`, just that top-level command is built (what a run of it needs:
 * building every command's options is a few ms of each start); help and errors about unknown
 * commands need the whole tree, so main.ts passes `only` for a known command name only.
 */
export function buildProgram(version: string, action: ActionFactory, output?: ProgramOutput, only?: (typeof TOP_LEVEL_COMMANDS)[number]): Command {
  const want = (name: (typeof TOP_LEVEL_COMMANDS)[number]) => only === undefined || only === name;
  const program = new Command('kfk');
  // Set before any subcommand exists: commander copies these settings into each one.
  program.exitOverride();
  if (output) {
    program.configureOutput({
      writeOut: output.writeOut,
      writeErr: output.writeErr,
      // commander's errors are "error: ...\n(Did you mean x?)": make them one kfk line.
      outputError: (text, write) => write(`kfk: ${text.replace(/^error: /, '').replace(/\n\((Did you mean [^)]*)\)/, ' ($1)').replace(/\s*$/, '')}\n`),
    });
  }
  program
    .description('A fast command-line toolkit for Apache Kafka: topics, produce, consume.')
    .version(version, '-V, --version', 'print the kfk version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      examples(
        'kfk local start',
        'kfk topic create --topic orders --partitions 3',
        'seq 1 5 | kfk produce --topic orders',
        'kfk consume --topic orders --from-beginning --timeout-ms 1000',
      ) +
        '\nExit codes: 0 success, 1 failure, 2 usage error.\n' +
        'Configuration: flags > environment > --command-config > profile > defaults.\n',
    );

  if (want('topic')) {
    const topic = program.command('topic').description('create, alter, describe, list and delete topics (kafka-topics)');
    topic.addHelpText('after', examples('kfk topic list', 'kfk topic describe --topic orders'));

    addConnectionOptions(topic.command('create'))
      .description('create a topic')
      .requiredOption('--topic <name>', 'topic to create')
      .option('--partitions <n>', 'number of partitions (default: the broker default)')
      .option('--replication-factor <n>', 'replicas per partition (default: the broker default)')
      .option('--config <key=value>', 'topic config override; repeatable', collect)
      .option('--replica-assignment <list>', 'manual assignment, e.g. 0:1,1:2 (partition by comma, brokers by colon)')
      .option('--if-not-exists', 'succeed quietly if the topic exists')
      .addOption(outputOption())
      .addHelpText('after', examples('kfk topic create --topic orders --partitions 6 --replication-factor 3 --config retention.ms=86400000'))
      .action(action('topic/create'));

    addConnectionOptions(topic.command('alter'))
      .description('add partitions or change topic configs (partitions only ever grow)')
      .requiredOption('--topic <name|regex>', 'topic(s) to alter')
      .option('--partitions <n>', 'new, larger partition count')
      .option('--replica-assignment <list>', 'replicas for the new partitions')
      .option('--config <key=value>', 'set a topic config; repeatable', collect)
      .option('--delete-config <key>', 'remove a topic config override; repeatable', collect)
      .option('--if-exists', 'succeed quietly if no topic matches')
      .addOption(outputOption())
      .addHelpText('after', examples('kfk topic alter --topic orders --partitions 12', 'kfk topic alter --topic orders --config retention.ms=3600000'))
      .action(action('topic/alter'));

    addConnectionOptions(topic.command('describe'))
      .description('partitions, leaders, replicas, ISR and configs of topics')
      .option('--topic <name|regex>', 'topic name or regular expression (default: all)')
      .option('--under-replicated-partitions', 'only partitions whose ISR is smaller than the replica set')
      .option('--under-min-isr-partitions', 'only partitions whose ISR is below min.insync.replicas')
      .option('--at-min-isr-partitions', 'only partitions whose ISR equals min.insync.replicas')
      .option('--unavailable-partitions', 'only partitions without a live leader')
      .option('--topics-with-overrides', 'only topics that have config overrides')
      .option('--exclude-internal', 'leave out internal topics such as __consumer_offsets')
      .option('--if-exists', 'succeed quietly if no topic matches')
      .addOption(outputOption())
      .addHelpText('after', examples('kfk topic describe --topic orders', 'kfk topic describe --under-replicated-partitions', 'kfk topic describe -o json | jq .'))
      .action(action('topic/describe'));

    addConnectionOptions(topic.command('list'))
      .description('list topic names, sorted, one per line')
      .option('--topic <regex>', 'only topics matching this regular expression')
      .option('--exclude-internal', 'leave out internal topics')
      .addOption(outputOption())
      .addHelpText('after', examples('kfk topic list', "kfk topic list --topic 'orders.*'"))
      .action(action('topic/list'));

    addConnectionOptions(topic.command('delete'))
      .description('delete topics')
      .requiredOption('--topic <name|regex>', 'topic name or regular expression')
      .option('--if-exists', 'succeed quietly if no topic matches')
      .option('--dry-run', 'show what would be deleted, delete nothing')
      .addOption(outputOption())
      .addHelpText('after', examples('kfk topic delete --topic orders', "kfk topic delete --topic 'tmp-.*' --dry-run"))
      .action(action('topic/delete'));
  }

  if (want('group')) {
    const group = program.command('group').description('consumer groups: lag, members, offset resets (kafka-consumer-groups)');
    group.addHelpText('after', examples('kfk group list', 'kfk group describe --group billing', 'kfk group reset-offsets --group billing --topic orders --to-earliest --execute'));

    addConnectionOptions(group.command('list'))
      .description('list consumer groups, classic and consumer (KIP-848) alike (--type/--state add columns; with values they filter)')
      .option('--state [states]', 'show the STATE column; with a value, only groups in these states (Stable, Empty, ...)')
      .option('--type [types]', 'show the TYPE column; with a value, only groups of these types (classic, consumer)')
      .addOption(outputOption())
      .addHelpText('after', examples('kfk group list', 'kfk group list --type --state', 'kfk group list --type consumer', 'kfk group list --state Empty -o json'))
      .action(action('group/list'));

    addConnectionOptions(group.command('describe'))
      .description('per-partition CURRENT-OFFSET, LOG-END-OFFSET and LAG of a group, with its members')
      .requiredOption('--group <id>', 'consumer group')
      .option('--offsets', 'partition offsets and lag (the default)')
      .option('--members', 'members, their hosts and partition counts')
      .option('--state', 'coordinator, assignment strategy, state and member count')
      .addOption(outputOption())
      .addHelpText(
        'after',
        '\nWith --verbose, also Kafka\'s verbose columns: LEADER-EPOCH of the offsets; epochs and current and target\n' +
          'assignments of the members; GROUP-EPOCH and TARGET-ASSIGNMENT-EPOCH of the state.\n' +
          examples('kfk group describe --group billing', 'kfk group describe --group billing --members --verbose', 'kfk group describe --group billing -o json | jq .totalLag'),
      )
      .action(action('group/describe'));

    addConnectionOptions(group.command('reset-offsets'))
      .description('move a group\'s committed offsets (dry run unless --execute; the group must be inactive)')
      .requiredOption('--group <id>', 'consumer group')
      .option('--topic <topic[:partitions]>', 'topic, or topic:0,1 / topic:0-3; repeatable', collect)
      .option('--all-topics', 'every topic the group has committed offsets for')
      .option('--to-earliest', 'to the earliest offset')
      .option('--to-latest', 'to the log end')
      .option('--to-current', 'to the committed offset (no change)')
      .option('--to-offset <n>', 'to offset N (kept within the log)')
      .option('--shift-by <n>', 'committed offset plus N (negative moves back)')
      .option('--to-datetime <time>', 'to the first offset at or after this time (ISO 8601; no zone means UTC)')
      .option('--by-duration <duration>', 'to the first offset at or after now minus this (PT1H30M, 90m, 1d)')
      .option('--dry-run', 'show the plan only (the default)')
      .option('--execute', 'commit the plan')
      .addOption(outputOption())
      .addHelpText(
        'after',
        examples('kfk group reset-offsets --group billing --topic orders --to-earliest', 'kfk group reset-offsets --group billing --topic orders:0 --shift-by -10 --execute'),
      )
      .action(action('group/reset-offsets'));

    addConnectionOptions(group.command('delete'))
      .description('delete consumer groups (they must be empty)')
      .requiredOption('--group <id>', 'consumer group; repeatable or comma-separated', collect)
      .addOption(outputOption())
      .addHelpText('after', examples('kfk group delete --group old-billing'))
      .action(action('group/delete'));

    addConnectionOptions(group.command('delete-offsets'))
      .description('delete a group\'s committed offsets for topics or partitions')
      .requiredOption('--group <id>', 'consumer group')
      .requiredOption('--topic <topic[:partitions]>', 'topic or topic:0,1; repeatable', collect)
      .addOption(outputOption())
      .addHelpText('after', examples('kfk group delete-offsets --group billing --topic orders'))
      .action(action('group/delete-offsets'));
  }

  if (want('config')) {
    const config = program.command('config').description('describe and change topic and broker configs (kafka-configs)');
    config.addHelpText('after', examples('kfk config describe --topic orders', 'kfk config alter --topic orders --set retention.ms=3600000'));

    addConnectionOptions(config.command('describe'))
      .description("a topic's or broker's dynamic configs (--all: every config), with synonyms")
      .option('--topic <name>', 'topic')
      .option('--broker <id>', 'broker id')
      .option('--all', 'all configs, defaults included')
      .addOption(outputOption())
      .addHelpText('after', examples('kfk config describe --topic orders', 'kfk config describe --broker 1 --all -o json'))
      .action(action('config/describe'));

    addConnectionOptions(config.command('alter'))
      .description('set or delete config keys; keys not named are kept')
      .option('--topic <name>', 'topic')
      .option('--broker <id>', 'broker id')
      .option('--set <key=value>', 'set a config (also a=1,b=[x,y]); repeatable', collect)
      .option('--delete <key>', 'remove a config override; repeatable', collect)
      .addOption(outputOption())
      .addHelpText('after', examples('kfk config alter --topic orders --set retention.ms=3600000 --delete cleanup.policy', 'kfk config alter --broker 1 --set log.cleaner.threads=2'))
      .action(action('config/alter'));
  }

  if (want('cluster')) {
    const cluster = program.command('cluster').description('the cluster: id, controller, brokers');
    addConnectionOptions(cluster.command('describe'))
      .description('cluster id, controller, and brokers with host:port and rack')
      .addOption(outputOption())
      .addHelpText('after', examples('kfk cluster describe', 'kfk cluster describe -o json'))
      .action(action('cluster/describe'));
  }

  if (want('offsets')) {
    addConnectionOptions(program.command('offsets'))
      .description('partition offsets at a time: topic:partition:offset (kafka-get-offsets)')
      .option('--topic <name|regex>', 'topic name or regular expression (default: all)')
      .option('--partitions <list>', 'only these partitions, e.g. 0,1')
      .option('--time <time>', 'earliest (-2), latest (-1, default), epoch ms or a date-time')
      .option('--exclude-internal', 'leave out internal topics')
      .addOption(new Option('-o, --output <format>', 'text (kafka-get-offsets) or json').choices(['text', 'json']))
      .addHelpText('after', examples('kfk offsets --topic orders', 'kfk offsets --topic orders --time earliest', "kfk offsets --topic orders --time '2024-05-01T00:00:00Z'"))
      .action(action('offsets'));
  }

  if (want('produce')) {
    addConnectionOptions(program.command('produce'), { timeoutFlag: false })
      .description('send stdin lines (or files) to a topic as records (kafka-console-producer)')
      .requiredOption('--topic <name>', 'topic to produce to')
      .option('--file <path>', 'read lines from this file instead of stdin; repeatable', collect)
      .option('--format <format>', 'input format: line (default) or json', 'line')
      .option('--key <key>', 'use this key for every record')
      .option('--partition <n>', 'send every record to this partition')
      .option('--sync', 'send each record synchronously (one in flight)')
      .option('--timeout <ms>', 'linger: how long to wait to fill a batch', '1000')
      .option('--batch-size <bytes>', 'largest record batch per partition, bytes (Kafka: 16384; larger batches move bulk input faster)', '1000000')
      .addOption(new Option('--compression-codec [codec]', 'none, gzip, snappy, lz4 or zstd (no value: gzip)').choices(['none', 'gzip', 'snappy', 'lz4', 'zstd']))
      .addOption(new Option('--request-required-acks <acks>', 'acks: 0, 1, -1 or all').default('-1').choices(['0', '1', '-1', 'all']))
      .option('--message-send-max-retries <n>', 'retries per batch', '3')
      .option('--retry-backoff-ms <ms>', 'wait between retries', '100')
      .option('--request-timeout-ms <ms>', 'bound on each produce request', '30000')
      .option('--max-memory-bytes <bytes>', 'bound on records buffered before the input is paused (Kafka: 32 MB; kfk batches are larger, 16 MB keeps the pipeline full)', '16777216')
      .option('--max-block-ms <ms>', 'bound on waiting for metadata', '60000')
      .option('--metadata-expiry-ms <ms>', 'metadata refresh interval', '300000')
      .option('--idempotent', 'idempotent producer: acks=all, no duplicates on retry')
      .option('--transactional-id <id>', 'send all input in one transaction (commit at end, abort on error)')
      .option('--producer-property <key=value>', 'a producer property; repeatable', collect)
      .option('--producer.config <file>', 'producer .properties file')
      .option('--property <key=value>', 'reader property: parse.key, key.separator, parse.headers, ...; repeatable', collect)
      .option('--reader-property <key=value>', 'same as --property (Kafka 4.2 spelling); repeatable', collect)
      .option('--line-reader <class>', 'accepted for compatibility; only the default reader exists')
      .option('--failed-records <file>', 'write records that were not delivered here, as JSON lines to resend with --format json --file')
      .addHelpText(
        'after',
        examples(
          'seq 1 1000 | kfk produce --topic numbers',
          "kfk produce --topic users --property parse.key=true --property key.separator=: < users.txt",
          'kfk produce --topic events --format json --compression-codec zstd < events.jsonl',
        ),
      )
      .action(action('produce'));
  }

  if (want('consume')) {
    addConnectionOptions(program.command('consume'))
      .description('print records of a topic, with or without a consumer group (kafka-console-consumer)')
      .option('--topic <name>', 'topic to consume')
      .option('--include <regex>', 'consume every topic matching this regular expression')
      .option('--from-beginning', 'start at the earliest offset (when no committed offset exists)')
      .option('--offset <offset>', 'earliest, latest, N (with --partition) or -N (last N per partition)')
      .option('--partition <n>', 'consume only this partition')
      .option('--group <id>', 'join this consumer group and commit offsets (the classic protocol; --consumer-property group.protocol=consumer: KIP-848)')
      .option('--max-messages <n>', 'exit after this many records')
      .option('--timeout-ms <ms>', 'exit when no record arrives for this long')
      .option('-e, --exit-at-end', 'exit after reaching the end offsets as of start')
      .option('--from <time>', 'start at this time: ISO 8601 or relative like -15m')
      .option('--to <time>', 'stop at this time: ISO 8601 or relative')
      .addOption(new Option('--isolation-level <level>', 'read_committed or read_uncommitted').choices(['read_committed', 'read_uncommitted']).default('read_uncommitted'))
      .option('--skip-message-on-error', 'skip a record that cannot be formatted instead of stopping')
      .addOption(new Option('-o, --output <format>', 'text (Kafka formatter) or json').choices(['text', 'json']).default('text'))
      .addOption(new Option('--encoding <encoding>', 'key/value encoding in json output').choices(['utf8', 'base64', 'hex']).default('utf8'))
      .option('--consumer-property <key=value>', 'a consumer property; repeatable', collect)
      .option('--consumer.config <file>', 'consumer .properties file')
      .option('--property <key=value>', 'formatter property: print.key, print.timestamp, key.separator, ...; repeatable', collect)
      .option('--formatter-property <key=value>', 'same as --property (Kafka 4.2 spelling); repeatable', collect)
      .option('--formatter <class>', 'accepted for compatibility; only the default formatter exists')
      .addHelpText(
        'after',
        examples(
          'kfk consume --topic orders --from-beginning --max-messages 10',
          'kfk consume --topic orders --group billing --property print.key=true',
          'kfk consume --topic orders --group billing --consumer-property group.protocol=consumer',
          'kfk consume --topic orders --offset -5 -e -o json',
        ),
      )
      .action(action('consume'));
  }

  if (want('local')) {
    const local = program.command('local').description('run a real Apache Kafka on this machine for development and tests');
    local.addHelpText('after', examples('kfk local start', 'kfk local start --brokers 3', 'kfk local status', 'kfk local stop'));
    local
      .command('start')
      .description('download (via Maven) and start Apache Kafka in KRaft mode on free loopback ports')
      .addOption(new Option('--brokers <n>', 'number of brokers').choices(['1', '3']).default('1'))
      .option('--sasl', 'also open a SASL_PLAINTEXT listener (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512)')
      .option('--tls', 'also open an SSL listener with a throwaway CA')
      .option('--kafka-version <version>', 'Apache Kafka version (env KFK_KAFKA_VERSION)')
      .addHelpText('after', examples('kfk local start', 'kfk local start --brokers 3 --sasl --tls', 'KFK_KAFKA_VERSION=3.9.1 kfk local start'))
      .action(action('local/start'));
    local
      .command('stop')
      .description('stop the local cluster (only processes kfk started)')
      .addHelpText('after', examples('kfk local stop'))
      .action(action('local/stop'));
    local
      .command('status')
      .description('show whether the local cluster runs, and where (exit 1 when it does not)')
      .addOption(outputOption())
      .addHelpText('after', examples('kfk local status', 'kfk local status -o json'))
      .action(action('local/status'));
    local
      .command('logs')
      .description('print the broker log(s)')
      .option('-n, --lines <n>', 'last N lines per broker', '50')
      .addHelpText('after', examples('kfk local logs -n 200'))
      .action(action('local/logs'));
    local
      .command('install')
      .description('fetch the Kafka jars into the cache without starting anything')
      .option('--kafka-version <version>', 'Apache Kafka version (env KFK_KAFKA_VERSION)')
      .addHelpText('after', examples('kfk local install'))
      .action(action('local/install'));
  }

  if (want('compat')) {
    // compat: handled in main.ts before parsing (Kafka's syntax is not kfk's); listed here for help.
    program
      .command('compat')
      .description("run a Kafka script's exact command line: kafka-topics, kafka-console-producer, kafka-console-consumer")
      .argument('<tool>', 'kafka-topics, kafka-console-producer or kafka-console-consumer')
      .argument('[args...]', "the script's own arguments")
      .addHelpText(
        'after',
        examples(
          'kfk compat kafka-topics --bootstrap-server localhost:9092 --create --topic orders --partitions 3',
          'kfk compat kafka-console-consumer --bootstrap-server localhost:9092 --topic orders --from-beginning',
        ) + '\nAlso installed as kfk-kafka-topics, kfk-kafka-console-producer and kfk-kafka-console-consumer.\n',
      );
  }

  if (want('completion')) {
    program
      .command('completion')
      .description('print the shell completion script for bash, zsh or fish')
      .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish']))
      .addHelpText(
        'after',
        examples('kfk completion bash > ~/.local/share/bash-completion/completions/kfk', 'kfk completion zsh > "${fpath[1]}/_kfk"', 'kfk completion fish > ~/.config/fish/completions/kfk.fish'),
      )
      .action((shell: string, opts: Record<string, unknown>, cmd: Command) => action('completion')({ ...opts, shell }, cmd));
  }

  if (want('__complete')) {
    // Names for the completion scripts: topics or groups of the configured cluster, quickly or not at all.
    addConnectionOptions(program.command('__complete', { hidden: true }))
      .description('print topic or group names for shell completion')
      .addHelpText('after', examples('kfk __complete topics --bootstrap-server localhost:9092'))
      .addArgument(new Argument('<kind>').choices(['topics', 'groups']))
      .action((kind: string, opts: Record<string, unknown>, cmd: Command) => action('complete-names')({ ...opts, kind }, cmd));
  }

  deferRequiredOptions(program);
  return program;
}

/**
 * commander checks required options before unknown ones, so `kfk produce --topik x` would say
 * that --topic is missing. Required options are checked after, when the command is about to run
 * (unknown options have been reported by then), with commander's wording.
 */
function deferRequiredOptions(program: Command): void {
  const required = new WeakSet<Option>();
  const walk = (cmd: Command) => {
    for (const o of cmd.options) {
      if (o.mandatory) {
        o.mandatory = false;
        required.add(o);
      }
    }
    cmd.commands.forEach(walk);
  };
  walk(program);
  program.hook('preAction', (_program, command) => {
    for (const o of command.options) {
      if (required.has(o) && command.getOptionValue(o.attributeName()) === undefined) {
        command.error(`error: required option '${o.flags}' not specified`, { code: 'commander.missingMandatoryOptionValue' });
      }
    }
  });
}
