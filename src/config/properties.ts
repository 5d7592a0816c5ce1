// Java .properties files (Kafka client configs) and `k=v` flags.
import { readFileSync } from 'node:fs';
import { getProperties } from 'properties-file';
import { KfkError, UsageError, errorMessage } from '../errors.js';

export type Properties = Map<string, string>;

export function readPropertiesFile(path: string): Properties {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : errorMessage(err);
    throw new KfkError(`cannot read config file ${path}: ${why}`);
  }
  return parseProperties(text, path);
}

export function parseProperties(text: string, origin = 'properties'): Properties {
  // A properties file has no syntax errors as such, but a line that is neither a comment nor
  // `key=value` / `key: value` / `key value` is almost always a mistake worth reporting.
  const lines = text.split(/\r?\n/);
  let continued = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    const wasContinued = continued;
    continued = /(^|[^\\])(\\\\)*\\$/.test(lines[i]);
    if (wasContinued || line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    if (!/^[^\s=:]+(\s*[=:]|\s+\S)/.test(line) && !/^[^\s=:]+$/.test(line)) {
      throw new KfkError(`malformed line ${i + 1} in ${origin}: ${JSON.stringify(line.slice(0, 60))}`);
    }
  }
  const obj = getProperties(text);
  return new Map(Object.entries(obj));
}

/** `key=value` from a repeatable flag. */
export function parseKeyValue(pair: string, flag: string): [string, string] {
  const eq = pair.indexOf('=');
  if (eq <= 0) throw new UsageError(`invalid ${flag} '${pair}': expected key=value`);
  return [pair.slice(0, eq).trim(), pair.slice(eq + 1)];
}

export function parseKeyValues(pairs: string[] | undefined, flag: string): Properties {
  const out: Properties = new Map();
  for (const p of pairs ?? []) {
    const [k, v] = parseKeyValue(p, flag);
    out.set(k, v);
  }
  return out;
}

/**
 * Values may reference the environment or a file, like Kafka's config providers:
 * `${env:NAME}` and `${file:/path}` (the whole file, trailing newline dropped). This keeps
 * passwords out of config files and command lines.
 */
export function expandReferences(value: string, env: NodeJS.ProcessEnv): string {
  return value.replace(/\$\{(env|file):([^}]+)\}/g, (_m, kind: string, ref: string) => {
    if (kind === 'env') {
      const v = env[ref];
      if (v === undefined) throw new KfkError(`environment variable ${ref} is not set (referenced as \${env:${ref}})`);
      return v;
    }
    try {
      return readFileSync(ref, 'utf8').replace(/\r?\n$/, '');
    } catch (err) {
      throw new KfkError(`cannot read ${ref} (referenced as \${file:...}): ${(err as NodeJS.ErrnoException).code ?? errorMessage(err)}`);
    }
  });
}
