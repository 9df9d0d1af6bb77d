import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";

// A software WebAuthn authenticator for tests: a real ES256 key pair made with
// node:crypto, "none" attestation, and assertions signed the way an
// authenticator signs them (authenticatorData ‖ SHA-256(clientDataJSON)), so
// @simplewebauthn/server verifies them for real. Nothing is mocked: a test
// that sends the wrong origin, RP ID or counter gets what a browser would.

/** Just enough CBOR (RFC 8949) for attestation objects and COSE keys. */
function cbor(value: unknown): Buffer {
  const head = (major: number, n: number) => {
    if (n < 24) return Buffer.from([(major << 5) | n]);
    if (n < 0x100) return Buffer.from([(major << 5) | 24, n]);
    if (n < 0x10000) return Buffer.from([(major << 5) | 25, n >> 8, n & 0xff]);
    const b = Buffer.alloc(5);
    b[0] = (major << 5) | 26;
    b.writeUInt32BE(n, 1);
    return b;
  };
  if (typeof value === "number") return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === "string") return Buffer.concat([head(3, Buffer.byteLength(value)), Buffer.from(value)]);
  if (Buffer.isBuffer(value)) return Buffer.concat([head(2, value.length), value]);
  if (value instanceof Map) return Buffer.concat([head(5, value.size), ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)])]);
  throw new Error(`cbor: cannot encode ${typeof value}`);
}

const b64url = (b: Buffer) => b.toString("base64url");
const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest();

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

export type SoftwarePasskey = {
  credentialId: Buffer;
  privateKey: KeyObject;
  publicKeyCose: Buffer;
  /** The RP ID the authenticator made it for: it answers only challenges for that RP ID (as a browser would). */
  rpId: string;
  userHandle: Buffer;
  counter: number;
};

function authData(rpId: string, flags: number, counter: number, attested?: Buffer): Buffer {
  const c = Buffer.alloc(4);
  c.writeUInt32BE(counter);
  return Buffer.concat([sha256(rpId), Buffer.from([flags]), c, ...(attested ? [attested] : [])]);
}

type CreationOptions = { challenge: string; rp: { id?: string }; user: { id: string } };
type RequestOptions = { challenge: string; rpId?: string };

/**
 * navigator.credentials.create(): a new ES256 passkey and the registration
 * response JSON @simplewebauthn/browser would send. `origin` is what the
 * browser would put in clientDataJSON (the page's origin).
 */
export function createPasskey(options: CreationOptions, origin: string, opts: { userVerified?: boolean; credentialId?: Buffer } = {}): { passkey: SoftwarePasskey; response: Record<string, unknown> } {
  const rpId = options.rp.id!;
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" });
  const publicKeyCose = cbor(
    new Map<number, unknown>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, Buffer.from(jwk.x!, "base64url")],
      [-3, Buffer.from(jwk.y!, "base64url")],
    ]),
  );
  const credentialId = opts.credentialId ?? randomBytes(32);
  const idLen = Buffer.alloc(2);
  idLen.writeUInt16BE(credentialId.length);
  const attested = Buffer.concat([Buffer.alloc(16), idLen, credentialId, publicKeyCose]);
  const flags = FLAG_UP | FLAG_AT | (opts.userVerified === false ? 0 : FLAG_UV);
  const attestationObject = cbor(new Map<string, unknown>([["fmt", "none"], ["attStmt", new Map()], ["authData", authData(rpId, flags, 0, attested)]]));
  const clientDataJSON = Buffer.from(JSON.stringify({ type: "webauthn.create", challenge: options.challenge, origin, crossOrigin: false }));
  const passkey: SoftwarePasskey = { credentialId, privateKey, publicKeyCose, rpId, userHandle: Buffer.from(options.user.id, "base64url"), counter: 0 };
  return {
    passkey,
    response: {
      id: b64url(credentialId),
      rawId: b64url(credentialId),
      type: "public-key",
      response: { clientDataJSON: b64url(clientDataJSON), attestationObject: b64url(attestationObject), transports: ["internal"] },
      clientExtensionResults: {},
      authenticatorAttachment: "platform",
    },
  };
}

/**
 * navigator.credentials.get(): an assertion for `options` signed by `passkey`.
 * Each call advances the counter by `step` (1; 0 keeps it, as a clone replaying
 * an old state would); `origin` and `rpId` default to the passkey's own.
 */
export function assert(
  passkey: SoftwarePasskey,
  options: RequestOptions,
  origin: string,
  opts: { rpId?: string; step?: number; userVerified?: boolean; counter?: number; userHandle?: Buffer | null } = {},
): Record<string, unknown> {
  passkey.counter = opts.counter ?? passkey.counter + (opts.step ?? 1);
  const data = authData(opts.rpId ?? passkey.rpId, FLAG_UP | (opts.userVerified === false ? 0 : FLAG_UV), passkey.counter);
  const clientDataJSON = Buffer.from(JSON.stringify({ type: "webauthn.get", challenge: options.challenge, origin, crossOrigin: false }));
  const signature = sign("sha256", Buffer.concat([data, sha256(clientDataJSON)]), passkey.privateKey);
  const userHandle = opts.userHandle === undefined ? passkey.userHandle : opts.userHandle;
  return {
    id: b64url(passkey.credentialId),
    rawId: b64url(passkey.credentialId),
    type: "public-key",
    response: { clientDataJSON: b64url(clientDataJSON), authenticatorData: b64url(data), signature: b64url(signature), ...(userHandle ? { userHandle: b64url(userHandle) } : {}) },
    clientExtensionResults: {},
    authenticatorAttachment: "platform",
  };
}
