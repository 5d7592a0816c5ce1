// The command registry: every kfk command, the module that defines its flags and help
// (src/commands/<name>/[<sub>/]define.ts, light) and its run module (run.ts beside it), which is
// loaded only when that command runs. The flags a run receives are typed from its define.ts.
// The lazy import of each run.ts is here rather than in its define.ts: run.ts imports its Flags
// type from define.ts, and imports must not go round in a circle.
import { Command, type AnyCommand, type Option } from './commander.js';
import type { CommandContext } from './context.js';
import { examples } from './flags.js';
import * as acl from '../commands/acl/define.js';
import * as aclCreate from '../commands/acl/create/define.js';
import * as aclDelete from '../commands/acl/delete/define.js';
import * as aclList from '../commands/acl/list/define.js';
import * as cluster from '../commands/cluster/define.js';
import * as clusterAddController from '../commands/cluster/add-controller/define.js';
import * as clusterDescribe from '../commands/cluster/describe/define.js';
import * as clusterEndpoints from '../commands/cluster/endpoints/define.js';
import * as clusterId from '../commands/cluster/id/define.js';
import * as clusterUnregister from '../commands/cluster/unregister/define.js';
import * as clusterUnregisterController from '../commands/cluster/unregister-controller/define.js';
import * as clusterFeatures from '../commands/cluster/features/define.js';
import * as clusterQuorum from '../commands/cluster/quorum/define.js';
import * as clusterRemoveController from '../commands/cluster/remove-controller/define.js';
import * as compat from '../commands/compat/define.js';
import * as completeNames from '../commands/complete-names/define.js';
import * as completion from '../commands/completion/define.js';
import * as config from '../commands/config/define.js';
import * as configAlter from '../commands/config/alter/define.js';
import * as configDescribe from '../commands/config/describe/define.js';
import * as consume from '../commands/consume/define.js';
import * as consumerGroup from '../commands/group/define.js';
import * as groupDelete from '../commands/group/delete/define.js';
import * as groupDeleteOffsets from '../commands/group/delete-offsets/define.js';
import * as groupDescribe from '../commands/group/describe/define.js';
import * as groupList from '../commands/group/list/define.js';
import * as groupResetOffsets from '../commands/group/reset-offsets/define.js';
import * as shareGroup from '../commands/share-group/define.js';
import * as shareGroupDelete from '../commands/share-group/delete/define.js';
import * as shareGroupDeleteOffsets from '../commands/share-group/delete-offsets/define.js';
import * as shareGroupDescribe from '../commands/share-group/describe/define.js';
import * as shareGroupList from '../commands/share-group/list/define.js';
import * as shareGroupResetOffsets from '../commands/share-group/reset-offsets/define.js';
import * as local from '../commands/local/define.js';
import * as localInstall from '../commands/local/install/define.js';
import * as localLogs from '../commands/local/logs/define.js';
import * as localStart from '../commands/local/start/define.js';
import * as localStatus from '../commands/local/status/define.js';
import * as localStop from '../commands/local/stop/define.js';
import * as logDirs from '../commands/log-dirs/define.js';
import * as logDirsDescribe from '../commands/log-dirs/describe/define.js';
import * as offsets from '../commands/offsets/define.js';
import * as partition from '../commands/partition/define.js';
import * as partitionElectLeaders from '../commands/partition/elect-leaders/define.js';
import * as partitionReassign from '../commands/partition/reassign/define.js';
import * as reassignCancel from '../commands/partition/reassign/cancel/define.js';
import * as reassignExecute from '../commands/partition/reassign/execute/define.js';
import * as reassignGenerate from '../commands/partition/reassign/generate/define.js';
import * as reassignList from '../commands/partition/reassign/list/define.js';
import * as reassignVerify from '../commands/partition/reassign/verify/define.js';
import * as produce from '../commands/produce/define.js';
import * as schema from '../commands/schema/define.js';
import * as schemaList from '../commands/schema/list/define.js';
import * as schemaGet from '../commands/schema/get/define.js';
import * as schemaRegister from '../commands/schema/register/define.js';
import * as schemaDelete from '../commands/schema/delete/define.js';
import * as schemaCompatibility from '../commands/schema/compatibility/define.js';
import * as schemaConfig from '../commands/schema/config/define.js';
import * as transaction from '../commands/transaction/define.js';
import * as transactionDescribe from '../commands/transaction/describe/define.js';
import * as transactionDescribeProducers from '../commands/transaction/describe-producers/define.js';
import * as transactionList from '../commands/transaction/list/define.js';
import * as transactionAbort from '../commands/transaction/abort/define.js';
import * as transactionFindHanging from '../commands/transaction/find-hanging/define.js';
import * as transactionForceTerminate from '../commands/transaction/force-terminate/define.js';
import * as quota from '../commands/quota/define.js';
import * as quotaAlter from '../commands/quota/alter/define.js';
import * as quotaDescribe from '../commands/quota/describe/define.js';
import * as records from '../commands/records/define.js';
import * as recordsDelete from '../commands/records/delete/define.js';
import * as topic from '../commands/topic/define.js';
import * as topicAlter from '../commands/topic/alter/define.js';
import * as topicCreate from '../commands/topic/create/define.js';
import * as topicDelete from '../commands/topic/delete/define.js';
import * as topicDescribe from '../commands/topic/describe/define.js';
import * as topicList from '../commands/topic/list/define.js';
import * as user from '../commands/user/define.js';
import * as userScram from '../commands/user/scram/define.js';
import * as userScramDelete from '../commands/user/scram/delete/define.js';
import * as userScramDescribe from '../commands/user/scram/describe/define.js';
import * as userScramSet from '../commands/user/scram/set/define.js';

/** What a command's run.ts exports: flags in, exit code out (nothing returned: 0). */
export type CommandRun<F> = (ctx: CommandContext, flags: F, command: AnyCommand) => Promise<number | void>;
export type RunLoader<F> = () => Promise<{ run: CommandRun<F> }>;
/** Makes a command's action from its run module: main.ts builds the context and loads the module. */
export type Launcher = <F>(load: RunLoader<F>) => (flags: F, command: AnyCommand) => Promise<void>;

export interface ProgramOutput {
  writeOut(text: string): void;
  writeErr(text: string): void;
}

/** The top-level commands, in the order help lists them. */
export const TOP_LEVEL_COMMANDS = ['topic', 'group', 'share-group', 'config', 'acl', 'cluster', 'offsets', 'records', 'partition', 'log-dirs', 'quota', 'user', 'transaction', 'produce', 'consume', 'schema', 'local', 'compat', 'completion', '__complete'] as const;

/**
 * A node of the command tree: a command with subcommands, a command that runs (its run module is
 * loaded when it runs), or one whose action is set elsewhere (compat: main.ts runs the drop-in).
 */
type Node =
  | { define: (parent: AnyCommand) => AnyCommand; subs: Node[] }
  | { define: (parent: AnyCommand) => AnyCommand; load?: RunLoader<Record<string, unknown>> };

const group = (define: (parent: AnyCommand) => AnyCommand, ...subs: Node[]): Node => ({ define, subs });

/** A command and its run module; the run's flags type must be what the definition parses. */
// biome-ignore lint/suspicious/noExplicitAny: a command's global options differ per parent; any accepts each
function runs<O extends Record<string, unknown>>(define: (parent: AnyCommand) => Command<[], O, any>, load: RunLoader<O>): Node;
// biome-ignore lint/suspicious/noExplicitAny: as above
function runs<A extends [unknown, ...unknown[]], O extends Record<string, unknown>, F extends O>(define: (parent: AnyCommand) => Command<A, O, any>, load: RunLoader<F>): Node;
function runs(define: (parent: AnyCommand) => AnyCommand, load: RunLoader<Record<string, unknown>>): Node {
  return { define, load };
}

/** Every command, by top-level name; help lists them in TOP_LEVEL_COMMANDS' order. */
const COMMANDS: Record<(typeof TOP_LEVEL_COMMANDS)[number], Node> = {
  topic: group(
    topic.define,
    runs(topicCreate.define, () => import('../commands/topic/create/run.js')),
    runs(topicAlter.define, () => import('../commands/topic/alter/run.js')),
    runs(topicDescribe.define, () => import('../commands/topic/describe/run.js')),
    runs(topicList.define, () => import('../commands/topic/list/run.js')),
    runs(topicDelete.define, () => import('../commands/topic/delete/run.js')),
  ),
  group: group(
    consumerGroup.define,
    runs(groupList.define, () => import('../commands/group/list/run.js')),
    runs(groupDescribe.define, () => import('../commands/group/describe/run.js')),
    runs(groupResetOffsets.define, () => import('../commands/group/reset-offsets/run.js')),
    runs(groupDelete.define, () => import('../commands/group/delete/run.js')),
    runs(groupDeleteOffsets.define, () => import('../commands/group/delete-offsets/run.js')),
  ),
  'share-group': group(
    shareGroup.define,
    runs(shareGroupList.define, () => import('../commands/share-group/list/run.js')),
    runs(shareGroupDescribe.define, () => import('../commands/share-group/describe/run.js')),
    runs(shareGroupResetOffsets.define, () => import('../commands/share-group/reset-offsets/run.js')),
    runs(shareGroupDelete.define, () => import('../commands/share-group/delete/run.js')),
    runs(shareGroupDeleteOffsets.define, () => import('../commands/share-group/delete-offsets/run.js')),
  ),
  config: group(
    config.define,
    runs(configDescribe.define, () => import('../commands/config/describe/run.js')),
    runs(configAlter.define, () => import('../commands/config/alter/run.js')),
  ),
  acl: group(
    acl.define,
    runs(aclList.define, () => import('../commands/acl/list/run.js')),
    runs(aclCreate.define, () => import('../commands/acl/create/run.js')),
    runs(aclDelete.define, () => import('../commands/acl/delete/run.js')),
  ),
  cluster: group(
    cluster.define,
    runs(clusterDescribe.define, () => import('../commands/cluster/describe/run.js')),
    runs(clusterQuorum.define, () => import('../commands/cluster/quorum/run.js')),
    runs(clusterFeatures.define, () => import('../commands/cluster/features/run.js')),
    runs(clusterAddController.define, () => import('../commands/cluster/add-controller/run.js')),
    runs(clusterRemoveController.define, () => import('../commands/cluster/remove-controller/run.js')),
    runs(clusterId.define, () => import('../commands/cluster/id/run.js')),
    runs(clusterEndpoints.define, () => import('../commands/cluster/endpoints/run.js')),
    runs(clusterUnregister.define, () => import('../commands/cluster/unregister/run.js')),
    runs(clusterUnregisterController.define, () => import('../commands/cluster/unregister-controller/run.js')),
  ),
  offsets: runs(offsets.define, () => import('../commands/offsets/run.js')),
  records: group(records.define, runs(recordsDelete.define, () => import('../commands/records/delete/run.js'))),
  partition: group(
    partition.define,
    runs(partitionElectLeaders.define, () => import('../commands/partition/elect-leaders/run.js')),
    group(
      partitionReassign.define,
      runs(reassignGenerate.define, () => import('../commands/partition/reassign/generate/run.js')),
      runs(reassignExecute.define, () => import('../commands/partition/reassign/execute/run.js')),
      runs(reassignVerify.define, () => import('../commands/partition/reassign/verify/run.js')),
      runs(reassignCancel.define, () => import('../commands/partition/reassign/cancel/run.js')),
      runs(reassignList.define, () => import('../commands/partition/reassign/list/run.js')),
    ),
  ),
  'log-dirs': group(logDirs.define, runs(logDirsDescribe.define, () => import('../commands/log-dirs/describe/run.js'))),
  quota: group(
    quota.define,
    runs(quotaDescribe.define, () => import('../commands/quota/describe/run.js')),
    runs(quotaAlter.define, () => import('../commands/quota/alter/run.js')),
  ),
  user: group(
    user.define,
    group(
      userScram.define,
      runs(userScramDescribe.define, () => import('../commands/user/scram/describe/run.js')),
      runs(userScramSet.define, () => import('../commands/user/scram/set/run.js')),
      runs(userScramDelete.define, () => import('../commands/user/scram/delete/run.js')),
    ),
  ),
  transaction: group(
    transaction.define,
    runs(transactionList.define, () => import('../commands/transaction/list/run.js')),
    runs(transactionDescribe.define, () => import('../commands/transaction/describe/run.js')),
    runs(transactionDescribeProducers.define, () => import('../commands/transaction/describe-producers/run.js')),
    runs(transactionFindHanging.define, () => import('../commands/transaction/find-hanging/run.js')),
    runs(transactionAbort.define, () => import('../commands/transaction/abort/run.js')),
    runs(transactionForceTerminate.define, () => import('../commands/transaction/force-terminate/run.js')),
  ),
  produce: runs(produce.define, () => import('../commands/produce/run.js')),
  consume: runs(consume.define, () => import('../commands/consume/run.js')),
  schema: group(
    schema.define,
    runs(schemaList.define, () => import('../commands/schema/list/run.js')),
    runs(schemaGet.define, () => import('../commands/schema/get/run.js')),
    runs(schemaRegister.define, () => import('../commands/schema/register/run.js')),
    runs(schemaDelete.define, () => import('../commands/schema/delete/run.js')),
    runs(schemaCompatibility.define, () => import('../commands/schema/compatibility/run.js')),
    runs(schemaConfig.define, () => import('../commands/schema/config/run.js')),
  ),
  local: group(
    local.define,
    runs(localStart.define, () => import('../commands/local/start/run.js')),
    runs(localStop.define, () => import('../commands/local/stop/run.js')),
    runs(localStatus.define, () => import('../commands/local/status/run.js')),
    runs(localLogs.define, () => import('../commands/local/logs/run.js')),
    runs(localInstall.define, () => import('../commands/local/install/run.js')),
  ),
  compat: { define: compat.define },
  completion: runs(completion.define, () => import('../commands/completion/run.js')),
  __complete: runs(completeNames.define, () => import('../commands/complete-names/run.js')),
};

/** buildProgram's `only` for the top-level commands alone, without their subcommands or actions. */
export const TOP_LEVEL_ONLY = Symbol('top-level commands only');

/** Defines a node under its parent, and its subcommands; a command that runs gets its action: its run module, with its positional arguments among the flags under their names. */
function add(parent: AnyCommand, node: Node, launch: Launcher, shallow = false): void {
  const cmd = node.define(parent);
  if (shallow) return;
  if ('subs' in node) {
    for (const sub of node.subs) add(cmd, sub, launch);
    return;
  }
  if (!node.load) return;
  const action = launch(node.load);
  cmd.action((...args: unknown[]) => {
    const command = args[args.length - 1] as AnyCommand;
    const flags = args[args.length - 2] as Record<string, unknown>;
    if (command.registeredArguments.length === 0) return action(flags, command);
    return action({ ...flags, ...Object.fromEntries(command.registeredArguments.map((a, i) => [a.name(), args[i]])) }, command);
  });
}

/**
 * The command tree. With `only`, just that top-level command is built (what a run of it needs:
 * building every command's options is a few ms of each start). With TOP_LEVEL_ONLY, the
 * top-level commands without what is under them: enough for `kfk --help` (which lists their
 * names, arguments and descriptions only), `--version` and an unknown command's error.
 */
export function buildProgram(
  version: string,
  launch: Launcher,
  output?: ProgramOutput,
  only?: (typeof TOP_LEVEL_COMMANDS)[number] | typeof TOP_LEVEL_ONLY,
): AnyCommand {
  // `kfk completion` prints a script for the whole tree, so it is built whole.
  const shallow = only === TOP_LEVEL_ONLY;
  const whole = only === undefined || only === 'completion' || shallow;
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

  for (const name of TOP_LEVEL_COMMANDS) if (whole || only === name) add(program, COMMANDS[name], launch, shallow);

  deferRequiredOptions(program);
  return program;
}

/**
 * commander checks required options before unknown ones, so `kfk produce --topik x` would say
 * that --topic is missing. Required options are checked after, when the command is about to run
 * (unknown options have been reported by then), with commander's wording.
 */
function deferRequiredOptions(program: AnyCommand): void {
  const required = new WeakSet<Option>();
  const walk = (cmd: AnyCommand) => {
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
