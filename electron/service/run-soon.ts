/**
 * A job run once the current call has answered (on the next turn of the event loop), however
 * often it is asked for before then. Its errors go to `log`: nobody is waiting on it.
 */
export function runSoon(job: () => unknown, log: (error: unknown) => void): () => void {
  let pending = false
  return () => {
    if (pending) return
    pending = true
    setImmediate(() => {
      pending = false
      try {
        job()
      } catch (error) {
        log(error)
      }
    })
  }
}
