declare module 'heic-convert' {
  interface ConvertOptions {
    readonly buffer: Uint8Array
    readonly format: 'JPEG' | 'PNG'
    /** 0 to 1, for JPEG. */
    readonly quality?: number
  }
  export default function convert(options: ConvertOptions): Promise<ArrayBuffer>
}
