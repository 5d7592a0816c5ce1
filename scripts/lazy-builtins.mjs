// An esbuild plugin for both bundles: the Node built-in modules that a short command does not
// need (child_process for commander's executable subcommands, crypto for SCRAM, tls, zlib,
// assert) are loaded on their first use rather than when the module that requires them loads.
// Each is replaced by a stand-in that loads the real module when a property is read or it is
// called. Node loads these with many internal modules of their own: about 5 ms of every start.
export const LAZY_BUILTINS = ['child_process', 'crypto', 'tls', 'zlib', 'assert'];

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
      b.onLoad({ filter: /.*/, namespace: 'kfk-lazy-builtin' }, (args) => ({
        loader: 'js',
        contents: `let m;
const load = () => (m ??= require(${JSON.stringify(`node:${args.path}`)}));
module.exports = new Proxy(() => undefined, {
  get: (_, k) => load()[k],
  set: (_, k, v) => { load()[k] = v; return true; },
  has: (_, k) => k in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, k) => {
    const d = Reflect.getOwnPropertyDescriptor(load(), k);
    return d && { ...d, configurable: true };
  },
  apply: (_, self, args) => Reflect.apply(load(), self, args),
});
`,
      }));
    },
  };
}
