import type { PublicSigningKey } from '../../electron/contract'
import type { ReadableDB, WritableDB } from '../types'
import { preparedStatements } from './prepared'

/** A `signing_keys` row exactly as SQLite holds it; `private_key` is encrypted JSON, or null for an imported key. */
export type SigningKeyRow = Readonly<{
  id: string
  practitioner_id: string
  practitioner_name: string
  public_key: string
  private_key: string | null
  origin: 'local' | 'imported'
  created_at: string
  retired_at: string | null
}>

export const rowToPublicKey = (row: SigningKeyRow): PublicSigningKey => ({
  id: row.id,
  practitionerId: row.practitioner_id,
  practitionerName: row.practitioner_name,
  publicKey: row.public_key,
  createdAt: row.created_at
})

const prepared = preparedStatements((db) => ({
  insert: db.prepare<SigningKeyRow>(`
    INSERT INTO signing_keys (id, practitioner_id, practitioner_name, public_key, private_key, origin, created_at, retired_at)
    VALUES (@id, @practitioner_id, @practitioner_name, @public_key, @private_key, @origin, @created_at, @retired_at)`),
  byId: db.prepare<[id: string], SigningKeyRow>('SELECT * FROM signing_keys WHERE id = ?'),
  all: db.prepare<[], SigningKeyRow>('SELECT * FROM signing_keys ORDER BY created_at, id'),
  current: db.prepare<[practitionerId: string], SigningKeyRow>(`
    SELECT * FROM signing_keys WHERE practitioner_id = ? AND origin = 'local' AND retired_at IS NULL
    ORDER BY created_at DESC LIMIT 1`),
  setPrivate: db.prepare<[encrypted: string, id: string]>('UPDATE signing_keys SET private_key = ? WHERE id = ?'),
  retire: db.prepare<[retiredAt: string, id: string]>(
    'UPDATE signing_keys SET retired_at = ? WHERE id = ? AND retired_at IS NULL'
  )
}))

export const insertSigningKey = (db: WritableDB, row: SigningKeyRow): void => void prepared(db).insert.run(row)

export const signingKey = (db: ReadableDB, id: string): SigningKeyRow | undefined => prepared(db).byId.get(id)

/** The key a practitioner signs with now, if they have one. */
export const currentSigningKey = (db: ReadableDB, practitionerId: string): SigningKeyRow | undefined =>
  prepared(db).current.get(practitionerId)

export const setEncryptedPrivateKey = (db: WritableDB, id: string, encrypted: string): void =>
  void prepared(db).setPrivate.run(encrypted, id)

/** Stops a key being used for new signatures; its public part stays for checking old ones. */
export const retireSigningKey = (db: WritableDB, id: string, now = new Date()): void =>
  void prepared(db).retire.run(now.toISOString(), id)

export const allSigningKeys = (db: ReadableDB): SigningKeyRow[] => prepared(db).all.all()
