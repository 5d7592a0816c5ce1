// The order of a .proto file's nested messages as protoc lists them in each DescriptorProto's
// nested_type: declared messages (and proto2 groups) and the entry message protoc makes for each
// map<> field, in the order they appear in the source. Confluent's message indexes count that
// list; protobufjs keeps declared messages only, so the order is read from the text here.

/** One message's nested_type, by name: `null` stands for a map entry. */
export type NestedOrder = Map<string, Array<string | null>>;

const TOKEN = /\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|[A-Za-z_][\w.]*|\d[\w.+-]*|[^\s\w]/g;

/**
 * For each message of the file, by its name under the package (`Outer.Inner`): the names of its
 * nested messages, with `null` where protoc puts a map<> field's entry message.
 */
export function nestedOrder(text: string): NestedOrder {
  const tokens: string[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const t = m[0];
    if (/^\s/.test(t) || t.startsWith('//') || t.startsWith('/*')) continue;
    tokens.push(t);
  }
  const order: NestedOrder = new Map();
  // The open blocks: a message's path, or null for any other block (enum, oneof, service,
  // extend, an option's aggregate value).
  const stack: Array<{ message: string | null; oneofOf?: string }> = [];
  const current = (): string | null => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const b = stack[i];
      if (b.message !== null) return b.message;
      if (b.oneofOf === undefined) return null;
    }
    return null;
  };
  const add = (parent: string | null, entry: string | null) => {
    if (parent === null) return;
    const list = order.get(parent) ?? [];
    list.push(entry);
    order.set(parent, list);
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === '}') {
      stack.pop();
      continue;
    }
    const parent = current();
    const statementStart = i === 0 || tokens[i - 1] === ';' || tokens[i - 1] === '{' || tokens[i - 1] === '}';
    if (t === 'message' && statementStart && /^[A-Za-z_]\w*$/.test(tokens[i + 1] ?? '') && tokens[i + 2] === '{') {
      const name = tokens[i + 1];
      const path = parent === null ? name : `${parent}.${name}`;
      // Top-level messages are listed by the file, not by a message.
      add(parent, name);
      if (!order.has(path)) order.set(path, []);
      stack.push({ message: path });
      i += 2;
      continue;
    }
    if (t === 'group' && parent !== null && /^[A-Za-z_]\w*$/.test(tokens[i + 1] ?? '')) {
      // proto2: `optional group Name = 1 { ... }` declares the message Name.
      let j = i + 2;
      while (j < tokens.length && tokens[j] !== '{' && tokens[j] !== ';') j++;
      if (tokens[j] === '{') {
        const name = tokens[i + 1];
        const path = `${parent}.${name}`;
        add(parent, name);
        if (!order.has(path)) order.set(path, []);
        stack.push({ message: path });
        i = j;
        continue;
      }
    }
    if (t === 'map' && statementStart && tokens[i + 1] === '<' && parent !== null) {
      add(parent, null);
      continue;
    }
    if (t === 'oneof' && statementStart && tokens[i + 2] === '{' && parent !== null) {
      stack.push({ message: null, oneofOf: parent });
      i += 2;
      continue;
    }
    if (t === '{') stack.push({ message: null });
  }
  return order;
}
