import type { PostmortemSource } from './source';

// THE PLACE FOR "Messages sent": the internal and external messages sent during the incident,
// drawn from the comms log. The comms log lands separately; until it does this returns null and
// the section is left out of the document (never an empty heading). Every built-in template
// calls it at its place in the order: after the action items, before the appendices.
export function messagesSentSection(source: PostmortemSource): string | null {
  void source;
  return null;
}
