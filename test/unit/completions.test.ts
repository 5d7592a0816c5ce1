import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { generateCompletion, type Shell } from '../../src/completion/generate.js';

/** The whole command tree, as `kfk completion` sees it. */
const program = buildProgram('0.0.0', () => async () => undefined);
const dir = fileURLToPath(new URL('../../completions/', import.meta.url));
const FILES: Record<Shell, string> = { bash: 'kfk.bash', zsh: '_kfk', fish: 'kfk.fish' };
const has = (shell: string) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;
const sq = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
const tmpDirs: string[] = [];
afterAll(() => tmpDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A fake `kfk` first on PATH: logs its arguments, prints names for `__complete topics|groups`. */
function fakeKfk(): { PATH: string; calls: () => string[] } {
  const bin = mkdtempSync(join(tmpdir(), 'kfk-fake-'));
  tmpDirs.push(bin);
  const log = join(bin, 'calls');
  writeFileSync(
    join(bin, 'kfk'),
    `#!/bin/sh\necho "$*" >> ${sq(log)}\n` +
      `case "$2" in topics) printf 'orders\\norders-dlq\\npayments\\n' ;; groups) printf 'billing\\n$(touch ${bin}/pwned)\\n' ;; esac\n`,
  );
  chmodSync(join(bin, 'kfk'), 0o755);
  return { PATH: `${bin}:${process.env.PATH}`, calls: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []) };
}

/**
 * Completes `line` (the cursor at its end) with completions/kfk.bash, as bash does on TAB:
 * COMP_WORDS split like readline (at blanks, and at '=' and ':', which are words of their own),
 * the function that `complete -p kfk` names, then COMPREPLY.
 */
function bashComplete(line: string, PATH = process.env.PATH): string[] {
  const words = line.split(' ').flatMap((blank) => (blank === '' ? [''] : blank.split(/([=:])/).filter((w) => w !== '')));
  const script = `source ${sq(join(dir, FILES.bash))}
COMP_WORDS=(${words.map(sq).join(' ')}); COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 ))
COMP_LINE=${sq(line)}; COMP_POINT=\${#COMP_LINE}
fn=$(complete -p kfk | sed -E 's/.* -F ([^ ]+) .*/\\1/'); "$fn" kfk "\${COMP_WORDS[COMP_CWORD]}" "\${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', script], { encoding: 'utf8', env: { ...process.env, PATH } });
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter(Boolean);
}

describe('shell completions', () => {
  it.each(Object.entries(FILES))('completions/ for %s matches the command tree', (shell, file) => {
    const committed = existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8') : '';
    expect(committed, `completions/${file} is out of date: run \`npm run build && node scripts/gen-completions.mjs\``).toBe(generateCompletion(shell as Shell, program));
  });

  it('generates the same bytes every time', () => {
    for (const shell of Object.keys(FILES) as Shell[]) expect(generateCompletion(shell, program)).toBe(generateCompletion(shell, program));
  });

  it('the bash script registers a function for kfk', () => {
    const r = spawnSync('bash', ['-c', `source ${sq(join(dir, FILES.bash))}; complete -p kfk`], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/^complete -F \S+ kfk$/m);
  });

  it('bash completes commands, subcommands and flags', () => {
    expect(bashComplete('kfk top')).toEqual(['topic']);
    expect(bashComplete('kfk to')).toEqual(['topic', 'token']);
    expect(bashComplete('kfk ')).toEqual(expect.arrayContaining(['topic', 'group', 'produce', 'consume', 'local', 'completion']));
    expect(bashComplete('kfk ')).not.toContain('__complete');
    expect(bashComplete('kfk topic ')).toEqual(expect.arrayContaining(['create', 'alter', 'describe', 'list', 'delete']));
    expect(bashComplete('kfk group reset')).toEqual(['reset-offsets']);
    expect(bashComplete('kfk consume --isol')).toEqual(['--isolation-level']);
    expect(bashComplete('kfk local start --')).toEqual(['--brokers', '--log-dirs', '--sasl', '--acl', '--oauth', '--tls', '--schema-registry', '--kafka-version', '--help']);
    // flag values are skipped when finding the command, including host:port and key=value
    expect(bashComplete('kfk consume --bootstrap-server localhost:9092 --command-property a=b --from-b')).toEqual(['--from-beginning']);
  });

  it('bash completes fixed flag values and arguments', () => {
    expect(bashComplete('kfk produce --compression-codec ')).toEqual(['none', 'gzip', 'snappy', 'lz4', 'zstd']);
    expect(bashComplete('kfk produce --compression-codec --to')).toEqual(['--topic']); // its value is optional
    expect(bashComplete('kfk produce --request-required-acks ')).toEqual(['0', '1', '-1', 'all']);
    expect(bashComplete('kfk topic describe -o ')).toEqual(['text', 'table', 'json']);
    expect(bashComplete('kfk consume -o ')).toEqual(['text', 'json']);
    expect(bashComplete('kfk consume --isolation-level=read_c')).toEqual(['read_committed']);
    expect(bashComplete('kfk consume --encoding ')).toEqual(['utf8', 'base64', 'hex']);
    expect(bashComplete('kfk local start --brokers ')).toEqual(['1', '3']);
    expect(bashComplete('kfk completion ')).toEqual(['bash', 'zsh', 'fish']);
    expect(bashComplete('kfk consume --partition ')).toEqual([]); // a free value: nothing to offer
    expect(bashComplete('kfk consume --bootstrap-server localhost:')).toEqual([]);
  });

  it('bash asks `kfk __complete` for topic and group names, with the typed connection flags', () => {
    const fake = fakeKfk();
    expect(bashComplete('kfk consume --topic ', fake.PATH)).toEqual(['orders', 'orders-dlq', 'payments']);
    expect(bashComplete('kfk consume --bootstrap-server b:9092 --profile=dev --topic ord', fake.PATH)).toEqual(['orders', 'orders-dlq']);
    expect(bashComplete('kfk group describe --group ', fake.PATH)).toEqual(['billing', '\\$\\(touch\\ ' + fake.PATH.split(':')[0] + '/pwned\\)']);
    expect(fake.calls()).toEqual(['__complete topics', '__complete topics --bootstrap-server b:9092 --profile=dev', '__complete groups']);
    // a name from the cluster is never run as a command
    expect(existsSync(join(fake.PATH.split(':')[0], 'pwned'))).toBe(false);
  });

  it('the scripts parse in their shells (zsh and fish when installed)', () => {
    execFileSync('bash', ['-n', join(dir, FILES.bash)]);
    for (const shell of ['zsh', 'fish'] as const) if (has(shell)) execFileSync(shell, ['-n', join(dir, FILES[shell])]);
  });

  describe.skipIf(!has('fish'))('fish', () => {
    let fake: ReturnType<typeof fakeKfk>;
    beforeAll(() => {
      fake = fakeKfk();
    });
    const fishComplete = (line: string) =>
      execFileSync('fish', ['--no-config', '-c', `source ${sq(join(dir, FILES.fish))}; complete -C ${sq(line)}`], { encoding: 'utf8', env: { ...process.env, PATH: fake.PATH } })
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]);
    it('completes subcommands, flags, values and names', () => {
      expect(fishComplete('kfk topic ')).toEqual(['alter', 'create', 'delete', 'describe', 'list']);
      expect(fishComplete('kfk consume --isol')).toEqual(['--isolation-level']);
      expect(fishComplete('kfk produce --compression-codec ')).toEqual(['gzip', 'lz4', 'none', 'snappy', 'zstd']);
      expect(fishComplete('kfk consume --bootstrap-server b:1 --topic ord')).toEqual(['orders', 'orders-dlq']);
      expect(fake.calls()).toEqual(['__complete topics --bootstrap-server b:1']);
    });
  });
});

describe('docs/reference.md', () => {
  it('matches the command tree (run `npm run build && node scripts/gen-docs.mjs` after changing commands)', async () => {
    const { generateReference } = await import('../../src/completion/reference.js');
    expect(readFileSync(fileURLToPath(new URL('../../docs/reference.md', import.meta.url)), 'utf8')).toBe(generateReference());
  });
});
