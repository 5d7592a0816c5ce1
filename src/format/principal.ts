// A Kafka principal on a command line, as Kafka's tools read it (SecurityUtils.parseKafkaPrincipal):
// `principalType:name`, split at the first colon.

/** The type and name of `User:alice`; null when there is no colon. */
export function splitPrincipal(text: string): { type: string; name: string } | null {
  const at = text.indexOf(':');
  return at < 0 ? null : { type: text.slice(0, at), name: text.slice(at + 1) };
}

/** The tools' words for a principal without a type. */
export const principalFormatError = (text: string) => `expected a string in format principalType:principalName but got ${text}`;
