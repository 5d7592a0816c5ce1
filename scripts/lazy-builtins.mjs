// An esbuild plugin for both bundles: the Node built-in modules that a short command does not
// need (child_process for commander's executable subcommands, crypto for SCRAM, tls, zlib,
// assert, http and https for OAuth tokens and the Schema Registry) are loaded on their first use
// rather than when the module that requires them loads. Each is replaced by a stand-in that
// loads the real module when a property is read or it is called. Node loads these with many
// internal modules of their own: https alone (with tls and crypto) is about 5 ms of a start.
export const LAZY_BUILTINS = ['child_process', 'crypto', 'tls', 'zlib', 'assert', 'http', 'https'];

const filter = new RegExp(`^(node:)?(${LAZY_BUILTINS.join('|')})$`);

export function lazyBuiltins() {
  return {
    name: 'kfk-lazy-builtins',
    setup(b) {
      b.onResolve({ filter }, (args) => {
        // The stand-in's own require() is of the real module.
        if (args.namespace === 'kfk-lazy-builtin') return { path: args.path, external: true };
        return { path: args.path.replace(/^node:/, ''), namespace: 'kfk-lazy-builtin' };
      });
      // An ES module's \`import { request } from 'node:https'\` becomes esbuild's __toESM(), which
      // lists the module's keys and their descriptors when the importing module loads. Until the
      // real module is loaded, those come from the module as it was at build time: names and
      // enumerability, no values (each is read through the proxy, which loads it).
      b.onLoad({ filter: /.*/, namespace: 'kfk-lazy-builtin' }, async (args) => {
        const real = await import(`node:${args.path}`);
        const keys = Object.keys(real.default ?? real);
        return {
          loader: 'js',
          contents: `let m;
const load = () => (m ??= require(${JSON.stringify(`node:${args.path}`)}));
const keys = ${JSON.stringify(keys)};
module.exports = new Proxy(() => undefined, {
  get: (_, k) => load()[k],
  set: (_, k, v) => { load()[k] = v; return true; },
  has: (_, k) => k in load(),
  ownKeys: () => (m ? Reflect.ownKeys(m) : keys.slice()),
  getOwnPropertyDescriptor: (_, k) => {
    if (!m && typeof k === 'string' && keys.includes(k)) return { configurable: true, enumerable: true, writable: true, value: undefined };
    const d = Reflect.getOwnPropertyDescriptor(load(), k);
    return d && { ...d, configurable: true };
  },
  apply: (_, self, args) => Reflect.apply(load(), self, args),
});
`,
        };
      });
    },
  };
}
