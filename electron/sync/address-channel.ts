import type SecretStream from '@hyperswarm/secret-stream';

// A side channel on a member connection, next to Hypercore's replication: each laptop tells the
// other where it listens. It rides the Protomux that Corestore put on the Noise stream, so it
// is encrypted and authenticated like replication, and only opens between members.

interface Encoding {
  preencode(state: { end: number }, value: Buffer): void;
  encode(state: { start: number; buffer: Uint8Array }, value: Buffer): void;
  decode(state: { start: number; end: number; buffer: Uint8Array }): Buffer;
}
interface Channel {
  open(): void;
  messages: { send(value: Buffer): boolean }[];
}
interface Mux {
  createChannel(options: { protocol: string; messages: { encoding: Encoding; onmessage(value: Buffer): void }[]; onopen(): void }): Channel | null;
}

/** One message is one frame: its bytes as they are (the Noise stream frames and authenticates them). */
const whole: Encoding = {
  preencode: (state, value) => {
    state.end += value.byteLength;
  },
  encode: (state, value) => {
    state.buffer.set(value, state.start);
    state.start += value.byteLength;
  },
  decode: (state) => {
    const value = Buffer.from(state.buffer.subarray(state.start, state.end));
    state.start = state.end;
    return value;
  },
};

const protocol = 'cordon/address/1';
/** Far above `{"host":"255.255.255.255","port":65535}`; anything longer is not read. */
const maxBytes = 256;

/**
 * Opens the address channel on a connection Corestore replicates over (`stream.userData` is its
 * Protomux). `hello` is sent once the other side has opened it too (a new address makes a new
 * link, so once per link); `onMessage` gets each message parsed as JSON, or null for one that is
 * too long or not JSON: the caller validates.
 */
export function openAddressChannel(stream: SecretStream, handlers: { hello(): unknown; onMessage(value: unknown): void }): boolean {
  const mux = stream.userData as Mux | null | undefined;
  if (!mux || typeof mux.createChannel !== 'function') return false;
  const channel: Channel | null = mux.createChannel({
    protocol,
    messages: [{ encoding: whole, onmessage: (bytes) => handlers.onMessage(bytes.length > maxBytes ? null : parse(bytes)) }],
    onopen: () => channel?.messages[0]?.send(Buffer.from(JSON.stringify(handlers.hello()))),
  });
  if (!channel) return false;
  channel.open();
  return true;
}

function parse(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    return null;
  }
}
