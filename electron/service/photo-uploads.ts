import { MAX_PHOTO_BYTES, ServiceError } from '../contract'

interface Upload {
  readonly chunks: string[]
  chars: number
  touched: number
}

const MAX_OPEN = 4
const EXPIRES_MS = 10 * 60 * 1000

/** Photo files arriving in base64 chunks, held in memory until imported (or forgotten after ten minutes). */
export class PhotoUploads {
  readonly #open = new Map<string, Upload>()

  add(uploadId: string, index: number, data: string, now = Date.now()): void {
    this.#forgetStale(now)
    let upload = this.#open.get(uploadId)
    if (!upload) {
      if (this.#open.size >= MAX_OPEN) this.#open.delete(this.#open.keys().next().value!)
      upload = { chunks: [], chars: 0, touched: now }
      this.#open.set(uploadId, upload)
    }
    if (index !== upload.chunks.length)
      throw new ServiceError('invalid_input', 'A part of the photo went missing on the way. Try again.')
    upload.chars += data.length
    upload.touched = now
    if ((upload.chars * 3) / 4 > MAX_PHOTO_BYTES) {
      this.#open.delete(uploadId)
      throw new ServiceError('invalid_input', `That file is larger than ${MAX_PHOTO_BYTES / 1024 / 1024} MB.`)
    }
    upload.chunks.push(data)
  }

  /** The whole file, and forgets it. */
  take(uploadId: string): Buffer {
    const upload = this.#open.get(uploadId)
    this.#open.delete(uploadId)
    if (!upload || upload.chars === 0)
      throw new ServiceError('invalid_input', 'The photo did not arrive. Try importing it again.')
    return Buffer.from(upload.chunks.join(''), 'base64')
  }

  #forgetStale(now: number): void {
    for (const [id, upload] of this.#open) if (now - upload.touched > EXPIRES_MS) this.#open.delete(id)
  }
}
