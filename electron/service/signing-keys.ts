import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  randomUUID,
  scrypt,
  sign,
  verify,
  type KeyObject
} from 'node:crypto'
import {
  currentSigningKey,
  insertSigningKey,
  retireSigningKey,
  rowToPublicKey,
  setEncryptedPrivateKey,
  signingKey,
  type SigningKeyRow
} from '../../db/queries/signing-keys'
import type { ReadableDB, WritableDB } from '../../db/types'
import type { Practitioner, PublicSigningKey } from '../contract'

// The same scrypt cost as PIN hashes, with a salt of its own, so the PIN hash says nothing
// about the key that unlocks the private key.
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const

interface EncryptedKey {
  readonly salt: string
  readonly iv: string
  readonly tag: string
  readonly data: string
}

const deriveKey = (pin: string, salt: Buffer): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scrypt(pin, salt, 32, SCRYPT, (error, key) => (error ? reject(error) : resolve(key)))
  )

async function encryptPrivateKey(privateKey: KeyObject, pin: string): Promise<string> {
  const salt = randomBytes(16)
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', await deriveKey(pin, salt), iv)
  const data = Buffer.concat([cipher.update(privateKey.export({ format: 'der', type: 'pkcs8' })), cipher.final()])
  const sealed: EncryptedKey = {
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64')
  }
  return JSON.stringify(sealed)
}

/** The private key, or null when `pin` does not open it (a PIN set without the old one). */
async function decryptPrivateKey(encrypted: string, pin: string): Promise<KeyObject | null> {
  const sealed = JSON.parse(encrypted) as EncryptedKey
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      await deriveKey(pin, Buffer.from(sealed.salt, 'base64')),
      Buffer.from(sealed.iv, 'base64')
    )
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'))
    const der = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()])
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
  } catch {
    return null
  }
}

/** A new Ed25519 key pair for `practitioner`, its private half sealed under their PIN. */
export async function createKeyPair(
  db: WritableDB,
  practitioner: Practitioner,
  pin: string,
  now = new Date()
): Promise<SigningKeyRow> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const row: SigningKeyRow = {
    id: randomUUID(),
    practitioner_id: practitioner.id,
    practitioner_name: practitioner.name,
    public_key: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    private_key: await encryptPrivateKey(privateKey, pin),
    origin: 'local',
    created_at: now.toISOString(),
    retired_at: null
  }
  db.transaction(() => {
    const old = currentSigningKey(db, practitioner.id)
    if (old) retireSigningKey(db, old.id, now)
    insertSigningKey(db, row)
  }).immediate()
  return row
}

/**
 * The practitioner's key for signing now, opened with the PIN they just gave. A practitioner
 * from before signing keys, or whose PIN was set without the old one, gets a new key pair:
 * a new public key, the old one kept for checking what it signed.
 */
export async function unlockSigningKey(
  db: WritableDB,
  practitioner: Practitioner,
  pin: string
): Promise<{ keyId: string; privateKey: KeyObject }> {
  const current = currentSigningKey(db, practitioner.id)
  const opened = current?.private_key ? await decryptPrivateKey(current.private_key, pin) : null
  if (current && opened) return { keyId: current.id, privateKey: opened }
  const created = await createKeyPair(db, practitioner, pin)
  return { keyId: created.id, privateKey: (await decryptPrivateKey(created.private_key!, pin))! }
}

/** After a PIN change: the same key pair, sealed under the new PIN (a new pair if the old PIN cannot open it). */
export async function resealSigningKey(
  db: WritableDB,
  practitioner: Practitioner,
  oldPin: string,
  newPin: string
): Promise<void> {
  const current = currentSigningKey(db, practitioner.id)
  const opened = current?.private_key ? await decryptPrivateKey(current.private_key, oldPin) : null
  if (current && opened) setEncryptedPrivateKey(db, current.id, await encryptPrivateKey(opened, newPin))
  else await createKeyPair(db, practitioner, newPin)
}

export const signBytes = (privateKey: KeyObject, payload: string): string =>
  sign(null, Buffer.from(payload), privateKey).toString('base64')

/** Public keys as Node's key objects, each made once: a clinic has a handful, and opening a record checks one. */
const keyObjects = new Map<string, KeyObject>()

function keyObject(publicKey: string): KeyObject {
  let key = keyObjects.get(publicKey)
  if (!key) {
    key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' })
    keyObjects.set(publicKey, key)
  }
  return key
}

export function signatureHolds(publicKey: string, payload: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(payload), keyObject(publicKey), Buffer.from(signature, 'base64'))
  } catch {
    return false
  }
}

/** Looks public keys up in `db`, for checking signatures. */
export const publicKeysIn =
  (db: ReadableDB) =>
  (id: string): PublicSigningKey | undefined => {
    const row = signingKey(db, id)
    return row && rowToPublicKey(row)
  }
