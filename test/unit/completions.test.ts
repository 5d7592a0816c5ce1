import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateCompletion } from '../../src/completion/generate.js';

const dir = fileURLToPath(new URL('../../completions/', import.meta.url));
const FILES = { bash: 'kfk.bash', zsh: '_kfk', fish: 'kfk.fish' } as const;

/** Runs the bash completion function on a command line; returns COMPREPLY. */
function complete(line: string[], path?: string): string[] {
  const script = `source ${JSON.stringify(join(dir, 'kfk.bash'))}
COMP_WORDS=(${line.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 ))
COMP_LINE="\${COMP_WORDS[*]}"; COMP_POINT=\${#COMP_LINE}
fn=$(complete -p kfk | sed -E 's/.*-F ([^ ]+).*/\\1/'); $fn
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', env: { ...process.env, PATH: path ?? process.env.PATH } });
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter(Boolean);
}

describe('shell completions', () => {
  it.each(Object.entries(FILES))('completions/%s matches the command tree (run `npm run build && node scripts/gen-completions.mjs` after changing commands)', (shell, file) => {
    expect(readFileSync(join(dir, file), 'utf8')).toBe(generateCompletion(shell as 'bash'));
  });

  it('bash completes commands, subcommands, flags and fixed values', () => {
    expect(complete(['kfk', 'to'])).toEqual(['topic']);
    expect(complete(['kfk', 'topic', ''])).toEqual(['create', 'alter', 'describe', 'list', 'delete']);
    expect(complete(['kfk', 'produce', '--compression-codec', ''])).toEqual(['none', 'gzip', 'snappy', 'lz4', 'zstd']);
    expect(complete(['kfk', 'produce', '--request-required-acks', ''])).toEqual(['0', '1', '-1', 'all']);
    expect(complete(['kfk', 'consume', '--isol'])).toEqual(['--isolation-level']);
    expect(complete(['kfk', 'topic', 'describe', '-o', ''])).toEqual(['text', 'table', 'json']);
    expect(complete(['kfk', 'consume', '--bootstrap-server', 'x:1', '--from-b'])).toEqual(['--from-beginning']);
    expect(complete(['kfk', 'completion', ''])).toEqual(['bash', 'zsh', 'fish']);
  });

  it('bash asks the cluster for topic and group names, passing the typed connection flags', () => {
    const bin = mkdtempSync(join(tmpdir(), 'kfk-fake-'));
    const log = join(bin, 'calls');
    writeFileSync(join(bin, 'kfk'), `#!/bin/sh\necho "$*" >> ${log}\nif [ "$2" = topics ]; then printf 'orders\\norders-dlq\\npayments\\n'; else printf 'billing\\n'; fi\n`);
    chmodSync(join(bin, 'kfk'), 0o755);
    const PATH = `${bin}:${process.env.PATH}`;
    expect(complete(['kfk', 'consume', '--bootstrap-server', 'b:9092', '--topic', 'ord'], PATH)).toEqual(['orders', 'orders-dlq']);
    expect(complete(['kfk', 'group', 'describe', '--group', ''], PATH)).toEqual(['billing']);
    expect(readFileSync(log, 'utf8')).toBe('__complete topics --bootstrap-server b:9092\n__complete groups\n');
  });

  it('the scripts parse in their shells', () => {
    execFileSync('bash', ['-n', join(dir, 'kfk.bash')]);
    for (const [shell, file] of [['zsh', '_kfk'], ['fish', 'kfk.fish']]) {
      if (spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0) execFileSync(shell, ['-n', join(dir, file)]);
    }
  });
});

describe('docs/reference.md', () => {
  it('matches the command tree (run `npm run build && node scripts/gen-docs.mjs` after changing commands)', async () => {
    const { generateReference } = await import('../../src/completion/reference.js');
    expect(readFileSync(fileURLToPath(new URL('../../docs/reference.md', import.meta.url)), 'utf8')).toBe(generateReference());
  });
});
