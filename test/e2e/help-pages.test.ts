// `kfk <command...> --help` and `kfk --version` into a pipe or a file are printed from the pages
// the build wrote (scripts/gen-help.mjs, bin/launch.js), not by the CLI: the same bytes, exit 0.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cleanEnv, KFK_BIN } from '../helpers/cli.js';

const dist = fileURLToPath(new URL('../../dist', import.meta.url));
const bundle = join(dist, 'kfk.cjs');
const { helpPage } = createRequire(import.meta.url)('../../bin/launch.js') as { helpPage: (argv: string[], dist: string) => Buffer | null };

/**
 * What the CLI itself prints (the bundle's main, no pages), into a pipe; with the settings of a
 * user's environment, which a page cannot follow: help must not depend on them.
 */
function fromCli(argv: string[]) {
  const env = cleanEnv({ KFK_BOOTSTRAP_SERVER: '127.0.0.1:1', KFK_TIMEOUT: '1234', COLUMNS: '132', FORCE_COLOR: '1', KFK_LOCAL_DIR: '/nonexistent/kfk-local' });
  const r = spawnSync(process.execPath, ['-e', 'require(process.argv[1]).main(process.argv.slice(2))', bundle, ...argv], { env });
  return { code: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}
function fromBin(argv: string[]) {
  const r = spawnSync(KFK_BIN, argv, { env: cleanEnv() });
  return { code: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}

describe('help pages', () => {
  it('there is a page for every command of the tree, and `kfk --version`', () => {
    const pages = readdirSync(join(dist, 'help'));
    expect(pages).toContain('stamp');
    expect(pages).toContain('version');
    expect(pages).toContain('kfk.txt');
    expect(pages).toContain('kfk.share-group.reset-offsets.txt');
    expect(pages).toContain('kfk.cluster.api-versions.txt');
    // 99 commands with help (the hidden __complete has none).
    expect(pages.filter((p) => p.endsWith('.txt'))).toHaveLength(99);
  });

  it.each(['--help', '-h', 'topic --help', 'topic list --help', 'share-group reset-offsets -h', 'consume --help', '--version', '-V'])(
    'kfk %s: the page is what the CLI prints, exit 0',
    (line) => {
      const argv = line.split(' ');
      const cli = fromCli(argv);
      expect(cli.code).toBe(0);
      expect(cli.stdout.length).toBeGreaterThan(0);
      expect(fromBin(argv)).toEqual(cli);
      expect(helpPage(argv, dist)?.toString()).toBe(cli.stdout);
    },
  );

  it('anything else is the CLI\'s: flags before --help, an unknown command, `version --help`, a page of another build', () => {
    for (const argv of [['topic', 'list', '--topic', 'x', '--help'], ['nope', '--help'], ['version', '--help'], ['--help', 'topic'], ['topic', 'list']]) {
      expect(helpPage(argv, dist)).toBeNull();
    }
    expect(fromBin(['version', '--help'])).toEqual(fromCli(['version', '--help']));
    // Pages made from another bundle (one built again without them) are not used.
    const other = mkdtempSync(join(tmpdir(), 'kfk-help-'));
    mkdirSync(join(other, 'help'));
    writeFileSync(join(other, 'help', 'kfk.txt'), 'old page\n');
    writeFileSync(join(other, 'help', 'stamp'), '0123456789abcdef\n');
    writeFileSync(join(other, 'kfk.cjs.id'), '0123456789abcdef\n');
    expect(helpPage(['--help'], other)?.toString()).toBe('old page\n');
    writeFileSync(join(other, 'kfk.cjs.id'), 'fedcba9876543210\n');
    expect(helpPage(['--help'], other)).toBeNull();
  });

  it('a reader that is gone is no error: `kfk --help | true` exits 0, silent', async () => {
    // `true` has exited before kfk writes: the write fails with EPIPE.
    const child = spawn('sh', ['-c', '("$0" consume --help; echo "exit $?" >&2) | true', KFK_BIN], { env: cleanEnv() });
    const err: Buffer[] = [];
    child.stderr.on('data', (d) => err.push(d));
    expect(await new Promise((resolve) => child.on('close', resolve))).toBe(0);
    expect(Buffer.concat(err).toString()).toBe('exit 0\n');
  });
});
