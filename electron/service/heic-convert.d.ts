// heic-convert ships no types: the one call the photo import makes.
declare module 'heic-convert' {
  interface ConvertOptions {
    readonly buffer: Uint8Array
    readonly format: 'JPEG' | 'PNG'
    readonly quality?: number
  }
  export default function convert(options: ConvertOptions): Promise<ArrayBuffer>
}
