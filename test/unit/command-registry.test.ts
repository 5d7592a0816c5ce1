import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const script = join(root, 'scripts/gen-registry.mjs');
const tmpDirs: string[] = [];
afterAll(() => tmpDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Runs the generator (with --check or not) as a copy in a tree of these files; it finds src/ beside its own folder. */
function generateIn(files: Record<string, string>, ...args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'kfk-registry-'));
  tmpDirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  mkdirSync(join(dir, 'scripts'));
  copyFileSync(script, join(dir, 'scripts/gen-registry.mjs'));
  const r = spawnSync(process.execPath, [join(dir, 'scripts/gen-registry.mjs'), ...args], { encoding: 'utf8' });
  const read = (path: string) => readFileSync(join(dir, path), 'utf8');
  return { status: r.status, stderr: r.stderr, read };
}

const tree = (topicSubs: string, top = "'topic', 'compat', '__complete'") => ({
  'src/cli/program.ts': `export const TOP_LEVEL_COMMANDS = [${top}] as const;\n`,
  'src/commands/topic/define.ts': `export const subcommands = [${topicSubs}] as const;\n`,
  'src/commands/topic/list/define.ts': '',
  'src/commands/topic/list/run.ts': '',
  'src/commands/topic/create/define.ts': '',
  'src/commands/topic/create/run.ts': '',
  'src/commands/topic/plan/other.ts': '', // no define.ts: not a command
  'src/commands/compat/define.ts': '',
  'src/commands/complete-names/define.ts': '',
  'src/commands/complete-names/run.ts': '',
});

describe('src/cli/commands.generated.ts', () => {
  it('is what scripts/gen-registry.mjs makes of src/commands/ (run it, or `npm run build`, after adding or moving a command)', () => {
    const r = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('lists subcommands in the order of their parent define.ts, and names compat and __complete', () => {
    const r = generateIn(tree("'list', 'create'"));
    expect(r.stderr).toBe('');
    const text = r.read('src/cli/commands.generated.ts');
    expect(text).toContain(
      "  topic: group(defineTopic, runs(defineTopicList, () => import('../commands/topic/list/run.js')), runs(defineTopicCreate, () => import('../commands/topic/create/run.js'))),\n" +
        '  compat: { define: defineCompat },\n' +
        "  __complete: runs(defineCompleteNames, () => import('../commands/complete-names/run.js')),\n",
    );
    expect(generateIn(tree("'list', 'create'"), '--check').status).toBe(1); // that tree has no generated file yet
  });

  it('stops when a subcommand folder is not listed, or the list names a missing folder', () => {
    const unlisted = generateIn(tree("'list'"));
    expect(unlisted.status).toBe(1);
    expect(unlisted.stderr).toBe('gen-registry: subcommands in src/commands/topic/define.ts does not list create (add each where help should show it)\n');
    const missing = generateIn(tree("'list', 'create', 'delete'"));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe('gen-registry: subcommands in src/commands/topic/define.ts lists delete, which has no folder with a define.ts\n');
    const top = generateIn(tree("'list', 'create'", "'topic', 'compat'"));
    expect(top.stderr).toBe('gen-registry: TOP_LEVEL_COMMANDS in src/cli/program.ts does not list complete-names (add each where help should show it)\n');
  });
});
