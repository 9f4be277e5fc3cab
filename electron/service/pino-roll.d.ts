// pino-roll ships no types; these cover what error-log.ts uses.
declare module 'pino-roll' {
  interface PinoRollOptions {
    file: string
    /** Start a new file at this size ('1m', '200k'). */
    size?: number | string
    /** Files kept besides the current one. */
    limit?: { count?: number; removeOtherLogFiles?: boolean }
    // sonic-boom's options, passed through.
    mkdir?: boolean
    mode?: number
    sync?: boolean
  }

  /** A file stream (sonic-boom) that moves on to a new numbered file when `size` is reached. */
  interface RollingFile {
    write(data: string): boolean
    end(): void
    once(event: 'close' | 'ready', listener: () => void): void
  }

  export default function build(options: PinoRollOptions): Promise<RollingFile>
}
