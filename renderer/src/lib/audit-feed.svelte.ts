/**
 * Counts the calls that may have written to the audit log, so the audit log on screen can
 * read it again after each of them (an export, an import, a backup, a restore, a signature…).
 */
class AuditFeed {
  #version = $state(0)

  /** Changes after every successful call that may have recorded something. */
  get version(): number {
    return this.#version
  }

  /** Calls that only read (`patients.search`, `audit.list`, …) record nothing. */
  noteCall(channel: string): void {
    const method = channel.split('.')[1] ?? ''
    if (!/^(get|list|search|count|info|state|forPatient)$/.test(method)) this.#version++
  }
}

export const auditFeed = new AuditFeed()
