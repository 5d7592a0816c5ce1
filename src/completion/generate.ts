// Shell completion scripts generated from the command tree itself, so they cannot drift from it
// (a unit test compares the committed completions/ with this output). They complete command and
// subcommand names, the flags of the command typed so far, fixed flag values (codecs, acks,
// formats, ...), files for <file>/<path> values and, for --topic/--include/--group, the names the
// configured cluster reports (`kfk __complete topics|groups`, which is quick or silent).
import type { AnyCommand as Command, Option } from '../cli/commander.js';

export type Shell = 'bash' | 'zsh' | 'fish';
export const SHELLS: readonly Shell[] = ['bash', 'zsh', 'fish'];

interface Flag {
  long?: string;
  short?: string;
  /** '' no value, '=' a required value, '?' an optional value (`[x]`) */
  takes: '' | '=' | '?';
  /** fixed choices joined by spaces, '@topics', '@groups', '@file', or '' for a free value */
  values: string;
  desc: string;
}

interface Node {
  /** 'kfk', 'kfk topic', 'kfk topic describe', ...: also the key of every table in the scripts */
  key: string;
  subs: Array<{ name: string; desc: string }>;
  flags: Flag[];
  /** choices of positional arguments (e.g. `completion <shell>`) */
  args: string[];
}

/** Flags whose values are names on the cluster. */
const NAMES: Record<string, string> = { '--topic': '@topics', '--include': '@topics', '--group': '@groups' };
/** Connection flags typed on the line that are passed along to `kfk __complete`. */
const PASS = ['--bootstrap-server', '--command-config', '--command-property', '--profile'];

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
const isHidden = (c: Command) => Boolean((c as unknown as { _hidden?: boolean })._hidden);

function flagOf(o: Option): Flag {
  const takes = o.required ? '=' : o.optional ? '?' : '';
  let values = '';
  if (takes) values = o.argChoices?.join(' ') ?? NAMES[o.long ?? ''] ?? (/<(file|path)>/.test(o.flags) ? '@file' : '');
  return { long: o.long, short: o.short, takes, values, desc: oneLine(o.description) };
}

function walk(cmd: Command, key: string, out: Node[]): void {
  // Hidden commands (`__complete`) are not offered; the scripts call it themselves.
  const subs = cmd.commands.filter((c) => !isHidden(c));
  out.push({
    key,
    subs: subs.map((c) => ({ name: c.name(), desc: oneLine(c.description()) })),
    // visibleOptions: the command's options as --help lists them, -h/--help and -V included.
    flags: cmd.createHelp().visibleOptions(cmd).filter((o) => o.long || o.short).map(flagOf),
    args: cmd.registeredArguments.flatMap((a) => a.argChoices ?? []),
  });
  for (const c of subs) walk(c, `${key} ${c.name()}`, out);
}

function commandNodes(program: Command): Node[] {
  const nodes: Node[] = [];
  walk(program, 'kfk', nodes);
  return nodes;
}

const names = (f: Flag) => [f.long, f.short].filter((n): n is string => Boolean(n));
/** A single-quoted word for bash and zsh. */
const sq = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
/** A single-quoted word for fish (which has \\ and \' escapes inside single quotes). */
const fq = (s: string) => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

/** The tables both bash and zsh scripts read: [table, key, value] rows, in tree order. */
function rows(nodes: Node[], withDesc: boolean): Array<[string, string, string]> {
  const out: Array<[string, string, string]> = [];
  for (const n of nodes) {
    out.push(['_kfk_subs', n.key, n.subs.map((s) => s.name).join(' ')]);
    out.push(['_kfk_flags', n.key, n.flags.flatMap(names).join(' ')]);
    if (n.args.length) out.push(['_kfk_args', n.key, n.args.join(' ')]);
    // _kfk_vals['kfk produce --compression-codec'] = '?none gzip ...': mode character, then values
    for (const f of n.flags) for (const name of f.takes ? names(f) : []) out.push(['_kfk_vals', `${n.key} ${name}`, f.takes + f.values]);
    if (withDesc) {
      for (const s of n.subs) out.push(['_kfk_desc', `${n.key} ${s.name}`, s.desc]);
      for (const f of n.flags) for (const name of names(f)) out.push(['_kfk_desc', `${n.key} ${name}`, f.desc]);
    }
  }
  return out;
}

const BASH_FUNCTION = `
# The whole words before the cursor (COMP_LINE: COMP_WORDS splits host:port and a=b) give the
# command path (subcommand names; flag values are skipped) and the connection flags for
# \`kfk __complete\`; the word before the cursor tells whether a flag's value is being completed.
_kfk() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]} p=kfk w q spec words i glued=
  local -a line pass=()
  COMPREPLY=()
  read -ra line <<< "\${COMP_LINE:0:COMP_POINT}"
  [[ \${COMP_LINE:0:COMP_POINT} == *[[:space:]] ]] || line=("\${line[@]:0:\${#line[@]}-1}")
  for (( i = 1; i < \${#line[@]}; i++ )); do
    w=\${line[i]}
    if [[ $w == --*=* ]]; then
      case \${w%%=*} in @PASS@) pass+=("$w") ;; esac
    elif [[ -n \${_kfk_vals["$p $w"]+set} ]]; then
      # skip the value; an optional one ("[x]") is there only when the next word is not a flag
      [[ \${_kfk_vals["$p $w"]} == \\?* && \${line[i+1]} == -* ]] && continue
      (( ++i < \${#line[@]} )) && case $w in @PASS@) pass+=("$w" "\${line[i]}") ;; esac
    elif [[ $w != -* && " \${_kfk_subs[$p]} " == *" $w "* ]]; then
      p+=" $w"
    fi
  done
  # bash also splits the current word at '=' and ':': "--flag=va<TAB>", "host:<TAB>"
  if [[ $cur == [=:] ]]; then glued=$cur cur=; elif [[ $prev == [=:] ]]; then glued=$prev prev=\${COMP_WORDS[COMP_CWORD-2]}; fi
  [[ $glued == : ]] && return 0
  spec=\${_kfk_vals["$p $prev"]-}
  # the flag's value, unless it is optional and the user is typing a flag (or there is nothing to offer)
  if [[ -n $spec ]] && [[ -n $glued || $spec == '='* || ( $cur != -* && $spec != \\? ) ]]; then
    case \${spec:1} in
      @topics|@groups)
        # names come from the cluster: match them literally (compgen -W would expand them)
        while IFS= read -r w; do
          [[ -n $w && $w == "$cur"* ]] && printf -v q %q "$w" && COMPREPLY+=("$q")
        done < <(kfk __complete "\${spec:2}" "\${pass[@]}" 2>/dev/null) ;;
      @file) compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
      *) mapfile -t COMPREPLY < <(compgen -W "\${spec:1}" -- "$cur") ;;
    esac
    return 0
  fi
  [[ -n $glued ]] && return 0
  words="\${_kfk_subs[$p]} \${_kfk_args[$p]-}"
  # flags when asked for, or when the command takes no subcommand or argument
  [[ $cur == -* || $words == ' ' ]] && words=\${_kfk_flags[$p]}
  mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
  return 0
}
complete -F _kfk kfk
`;

function bash(nodes: Node[]): string {
  const lines = ['# bash completion for kfk (bash 4.2+), generated by `kfk completion bash`; do not edit.', 'declare -gA _kfk_subs=() _kfk_flags=() _kfk_args=() _kfk_vals=()'];
  for (const [table, key, value] of rows(nodes, false)) lines.push(`${table}[${sq(key)}]=${sq(value)}`);
  return lines.join('\n') + '\n' + BASH_FUNCTION.replaceAll('@PASS@', PASS.join('|'));
}

const ZSH_FUNCTION = `
# The same walk as the bash script's: command path, connection flags, then what to offer.
_kfk() {
  local p=kfk w spec i kind cur=\${words[CURRENT]} prev=\${words[CURRENT-1]} eq=
  local -a pass items
  for (( i = 2; i < CURRENT; i++ )); do
    w=\${words[i]}
    if [[ $w == --*=* ]]; then
      case \${w%%=*} in (@PASS@) pass+=( \${(Q)w} ) ;; esac
    elif (( \${+_kfk_vals[$p $w]} )); then
      spec=\${_kfk_vals[$p $w]}
      [[ $spec == \\?* && \${words[i+1]} == -* ]] && continue
      (( i++ ))
      case $w in (@PASS@) (( i < CURRENT )) && pass+=( $w \${(Q)words[i]} ) ;; esac
    elif [[ $w != -* && " \${_kfk_subs[$p]} " == *" $w "* ]]; then
      p+=" $w"
    fi
  done
  if [[ $cur == --*=* ]]; then
    prev=\${cur%%=*} cur=\${cur#*=} eq=1
    compset -P '*='
  fi
  spec=\${_kfk_vals[$p $prev]}
  if [[ -n $spec ]] && [[ -n $eq || $spec == '='* || ( $cur != -* && $spec != \\? ) ]]; then
    case \${spec:1} in
      (@topics|@groups) items=( \${(f)"$(kfk __complete \${spec:2} $pass 2>/dev/null)"} ); compadd -a items ;;
      (@file) _files ;;
      ('') _message -e values "\${_kfk_desc[$p $prev]}" ;;
      (*) items=( \${(s: :)\${spec:1}} ); compadd -a items ;;
    esac
    return
  fi
  [[ -n $eq ]] && return 1
  kind=commands
  local -a found=( \${(s: :)_kfk_subs[$p]} \${(s: :)_kfk_args[$p]} )
  if [[ $cur == -* ]] || (( ! $#found )); then found=( \${(s: :)_kfk_flags[$p]} ) kind=options; fi
  for w in $found; do items+=( "$w\${_kfk_desc[$p $w]:+:\${_kfk_desc[$p $w]}}" ); done
  _describe -t $kind $kind items
}
# Loaded from $fpath, this file is the body of _kfk: define it, then run it. Sourced: register it.
if [[ \${funcstack[1]} == _kfk ]]; then _kfk "$@"; else compdef _kfk kfk; fi
`;

function zsh(nodes: Node[]): string {
  const lines = ['#compdef kfk', '# zsh completion for kfk, generated by `kfk completion zsh`; do not edit.', 'typeset -gA _kfk_subs _kfk_flags _kfk_args _kfk_vals _kfk_desc'];
  // zsh would keep the quotes of a quoted key in `table['key']=value`: add (key value) pairs instead
  for (const [table, key, value] of rows(nodes, true)) lines.push(`${table}+=( ${sq(key)} ${sq(value)} )`);
  return lines.join('\n') + '\n' + ZSH_FUNCTION.replaceAll('@PASS@', PASS.join('|'));
}

const FISH_FUNCTIONS = (paths: string[]) => `complete -c kfk -e
complete -c kfk -f
# The command path typed so far, e.g. "kfk topic describe".
function __kfk_path
    set -l p kfk
    set -l words (commandline -opc)
    set -e words[1]
    for w in $words
        switch "$p $w"
            case ${paths.map(fq).join(' ')}
                set p "$p $w"
        end
    end
    echo $p
end
function __kfk_at
    test (__kfk_path) = "$argv[1]"
end
# Topic or group names from the cluster, with the connection flags typed on the line.
function __kfk_names
    set -l args
    set -l words (commandline -opc)
    for i in (seq 2 (count $words))
        switch $words[$i]
            case ${PASS.join(' ')}
                set -q words[(math $i + 1)]; and set -a args $words[$i] $words[(math $i + 1)]
            case ${PASS.map((f) => fq(f + '=*')).join(' ')}
                set -a args $words[$i]
        end
    end
    kfk __complete $argv[1] $args 2>/dev/null
end
`;

function fish(nodes: Node[]): string {
  const lines = ['# fish completion for kfk, generated by `kfk completion fish`; do not edit.', FISH_FUNCTIONS(nodes.slice(1).map((n) => n.key))];
  for (const n of nodes) {
    const at = `complete -c kfk -n "__kfk_at '${n.key}'"`; // keys are command names: nothing to escape
    for (const s of n.subs) lines.push(`${at} -a ${fq(s.name)} -d ${fq(s.desc)}`);
    if (n.args.length) lines.push(`${at} -a ${fq(n.args.join(' '))}`);
    for (const f of n.flags) {
      let spec = at + (f.short ? ` -s ${f.short.slice(1)}` : '') + (f.long ? ` -l ${f.long.slice(2)}` : '');
      // fish has no optional values: a [x] with choices is offered like a required one
      if (f.values === '@file') spec += ' -r -F';
      else if (f.values.startsWith('@')) spec += ` -x -a ${fq(`(__kfk_names ${f.values.slice(1)})`)}`;
      else if (f.values) spec += ` -x -a ${fq(f.values)}`;
      else if (f.takes === '=') spec += ' -x';
      lines.push(`${spec} -d ${fq(f.desc)}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** The completion script for a shell; the same command tree always gives the same bytes. */
/** The script for `shell`, from the whole command tree (`program`, as buildProgram makes it). */
export function generateCompletion(shell: Shell, program: Command): string {
  const nodes = commandNodes(program);
  if (shell === 'bash') return bash(nodes);
  if (shell === 'zsh') return zsh(nodes);
  if (shell === 'fish') return fish(nodes);
  throw new Error(`unknown shell: ${String(shell)} (bash, zsh or fish)`);
}
