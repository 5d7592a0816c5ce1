// kafka-acls --remove: per resource filter, the named entries (or all of its ACLs) are removed,
// after a yes on the terminal unless --force.
import type { CommandContext } from '../../../cli/context.js';
import type { FlagsOf } from '../../../cli/commander.js';
import type { define } from './define.js';
import { outputMode, render } from '../../../cli/output.js';
import { compareEntries, comparePatterns, groupByResource, removeQuestion } from '../../../format/acl-text.js';
import { ANY_ENTRY, type AclBinding } from '../../../kafka/admin/acls.js';
import { AclToolError, checkArgs, resourceToAcls } from '../plan.js';
import { bindingJson, bindingsTable } from '../view.js';

type Flags = FlagsOf<typeof define>;

/** What kafka-acls (Java 17's System.console()) fails with when stdin or stdout is not a terminal. */
const NO_CONSOLE = 'Cannot invoke "java.io.Console.readLine()" because the return value of "java.lang.System.console()" is null';

function readLine(stdin: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    const done = () => {
      stdin.off('data', onData);
      stdin.off('end', done);
      stdin.pause();
      resolve(data.split('\n')[0].replace(/\r$/, ''));
    };
    const onData = (chunk: Buffer | string) => {
      data += chunk.toString();
      if (data.includes('\n')) done();
    };
    stdin.on('data', onData);
    stdin.on('end', done);
    stdin.resume();
  });
}

async function confirm(ctx: CommandContext, question: string, kafkaText: boolean): Promise<boolean> {
  const { io } = ctx;
  if (kafkaText) {
    // kafka-acls asks on stdout and needs a console: a terminal on stdin and stdout.
    await io.out(question + '\n');
    if (!io.stdin.isTTY || !io.stdout.isTTY) throw new AclToolError('stdin is not a terminal: cannot ask; pass --force', NO_CONSOLE, 1);
  } else {
    io.stderr.write(question + ' ');
    if (!io.stdin.isTTY) {
      io.stderr.write('\n');
      throw new AclToolError('stdin is not a terminal: cannot ask for confirmation; pass --force to delete', NO_CONSOLE, 1);
    }
  }
  return (await readLine(io.stdin)).toLowerCase() === 'y';
}

export async function run(ctx: CommandContext, opts: Flags): Promise<number> {
  checkArgs('remove', opts);
  const plan = resourceToAcls(opts).sort((a, b) => comparePatterns(a.pattern, b.pattern));
  const kafkaText = Boolean(opts.kafkaAclsText);
  const { deleteAcls } = await import('../../../kafka/admin/acls.js');
  const removed: AclBinding[] = [];
  for (const { pattern, entries } of plan) {
    const sorted = [...entries].sort(compareEntries);
    if (!opts.force && !(await confirm(ctx, removeQuestion(pattern, sorted), kafkaText))) continue;
    const client = await ctx.kafka();
    const filters = sorted.length ? sorted.map((entry) => ({ pattern, entry })) : [{ pattern, entry: ANY_ENTRY }];
    removed.push(...(await ctx.bounded(deleteAcls(client, filters))));
  }
  // kafka-acls prints nothing more; a table or JSON shows what was removed.
  if (outputMode(opts.output, ctx.io.stdout.isTTY) !== 'text') {
    const bindings = groupByResource(removed).flatMap((g) => g.entries.map((entry) => ({ pattern: g.pattern, entry })));
    await render(ctx.io, opts.output, bindings, { text: () => '', table: async (b, style) => (await bindingsTable(b, style)) || 'no ACLs removed\n', json: (b) => ({ removed: b.map(bindingJson) }) });
  }
  return 0;
}
