// The few parts of the Hypercore stack Cordon uses, typed (the packages ship no types).
// Checked against hypercore 11.39, corestore 7.12, @hyperswarm/secret-stream 6.9, hypercore-crypto 3.7.

declare module 'hypercore-crypto' {
  export interface KeyPair {
    publicKey: Buffer;
    secretKey: Buffer;
  }
  export function keyPair(seed?: Buffer): KeyPair;
  export function sign(message: Uint8Array, secretKey: Uint8Array): Buffer;
  export function verify(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean;
  export function randomBytes(n: number): Buffer;
  export function hash(data: Uint8Array | Uint8Array[]): Buffer;
  export function discoveryKey(key: Uint8Array): Buffer;
}

declare module 'hypercore' {
  import type { EventEmitter } from 'node:events';

  export interface Signer {
    signature?: 'ed25519';
    namespace?: Buffer;
    publicKey: Buffer;
  }
  export interface Manifest {
    version?: number;
    signers: Signer[];
  }

  interface Hypercore extends EventEmitter {
    readonly key: Buffer;
    readonly discoveryKey: Buffer;
    readonly length: number;
    readonly writable: boolean;
    readonly closed: boolean;
    ready(): Promise<void>;
    append(block: Buffer | Buffer[]): Promise<{ length: number; byteLength: number }>;
    get(index: number, options?: { wait?: boolean; timeout?: number }): Promise<Buffer | null>;
    has(index: number): Promise<boolean>;
    update(options?: { wait?: boolean }): Promise<boolean>;
    download(range?: { start?: number; end?: number; linear?: boolean }): { done(): Promise<void>; destroy(): void };
    setKeyPair(keyPair: { publicKey: Buffer; secretKey: Buffer }): void;
    close(): Promise<void>;
  }
  const Hypercore: {
    /** The key of the core a manifest describes: what a reader opens it by. */
    key(manifest: Manifest): Buffer;
  };
  export default Hypercore;
  export type { Hypercore as Core };
}

declare module 'corestore' {
  import type { Core, Manifest } from 'hypercore';
  import type { Duplex } from 'node:stream';

  export interface GetOptions {
    key?: Buffer;
    manifest?: Manifest;
    /** A public key only (secretKey null) keeps the secret key out of Corestore's storage. */
    keyPair?: { publicKey: Buffer; secretKey: Buffer | null };
    encryption?: { key: Buffer };
  }
  export default class Corestore {
    constructor(storage: string, options?: { primaryKey?: Buffer });
    ready(): Promise<void>;
    get(options: GetOptions): Core;
    replicate(stream: Duplex): unknown;
    close(): Promise<void>;
  }
}

declare module '@hyperswarm/secret-stream' {
  import { Duplex } from 'node:stream';
  export default class SecretStream extends Duplex {
    constructor(isInitiator: boolean, rawStream: Duplex, options?: { keyPair?: { publicKey: Buffer; secretKey: Buffer } });
    readonly publicKey: Buffer | null;
    readonly remotePublicKey: Buffer | null;
    readonly handshakeHash: Buffer | null;
    opened: Promise<boolean>;
    /** Set by Corestore's replicate to the connection's Protomux (address-channel.ts adds a channel to it). */
    userData: unknown;
  }
}
