/** AES-256-GCM payload codec (LEADFLOW_PAYLOAD_KEY): lead data in Temporal's history is unreadable without the key. */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
const KEY_ID = 'encryption-key-id';
// @temporalio/proto is CommonJS: its namespace comes through the default export under ESM.
const { Payload: PayloadProto } = proto.temporal.api.common.v1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class AesGcmPayloadCodec implements PayloadCodec {
  readonly keyId: string;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('LEADFLOW_PAYLOAD_KEY must be 32 bytes, base64-encoded');
    // A fingerprint, not the key: lets a reader tell which key a payload needs.
    this.keyId = createHash('sha256').update(key).digest('hex').slice(0, 16);
  }

  static fromBase64(key: string): AesGcmPayloadCodec {
    return new AesGcmPayloadCodec(Buffer.from(key, 'base64'));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.resolve(
      payloads.map((payload) => {
        const iv = randomBytes(IV_BYTES);
        const cipher = createCipheriv('aes-256-gcm', this.key, iv);
        const plain = PayloadProto.encode(payload).finish();
        const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
        return { metadata: { [METADATA_ENCODING_KEY]: encoder.encode(ENCRYPTED_ENCODING), [KEY_ID]: encoder.encode(this.keyId) }, data };
      }),
    );
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.resolve(
      payloads.map((payload) => {
        if (!payload.metadata || decoder.decode(payload.metadata[METADATA_ENCODING_KEY]) !== ENCRYPTED_ENCODING) return payload;
        const keyId = decoder.decode(payload.metadata[KEY_ID]);
        if (keyId !== this.keyId) throw new Error(`payload was encrypted with key ${keyId}, not this LEADFLOW_PAYLOAD_KEY (${this.keyId})`);
        const data = Buffer.from(payload.data ?? new Uint8Array());
        const decipher = createDecipheriv('aes-256-gcm', this.key, data.subarray(0, IV_BYTES));
        decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
        const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
        return PayloadProto.decode(plain);
      }),
    );
  }
}

/** The data converter for clients and workers: encryption only when a key is set. */
export function leadflowDataConverter(payloadKey: string | undefined): { payloadCodecs: PayloadCodec[] } | undefined {
  return payloadKey ? { payloadCodecs: [AesGcmPayloadCodec.fromBase64(payloadKey)] } : undefined;
}
