import type { AuditEntry } from '../../../electron/contract'
import { formatShortDateTime } from '../lib/format'

/** Every action the app records, in the words the audit log shows. */
export const auditActions: readonly (readonly [action: string, label: string])[] = [
  ['signed', 'Signed'],
  ['amended', 'Amended'],
  ['printed', 'Printed'],
  ['saved-pdf', 'Saved as PDF'],
  ['exported', 'Exported'],
  ['imported', 'Imported'],
  ['backed-up', 'Backed up'],
  ['restored', 'Restored a backup'],
  ['patient-edited', 'Edited a patient'],
  ['unlocked', 'Unlocked'],
  ['ended-presentation', 'Ended a presentation'],
  ['set-up', 'Set up the app'],
  ['pin-failed', 'Wrong PIN'],
  ['pin-locked-out', 'PIN tries paused'],
  ['pin-changed', 'Changed their PIN'],
  ['practitioner-added', 'Added a practitioner'],
  ['practitioner-renamed', 'Renamed a practitioner'],
  ['practitioner-deactivated', 'Deactivated a practitioner'],
  ['practitioner-reactivated', 'Reactivated a practitioner'],
  ['signed-consent', 'Countersigned a consent'],
  ['printed-consent', 'Printed a consent'],
  ['saved-consent-pdf', 'Saved a consent as PDF'],
  ['withdrew-consent', 'Recorded a withdrawn consent'],
  ['left-consent-screen', 'Left the consent screen'],
  ['added-photo', 'Added a photo'],
  ['imported-photo', 'Imported a photo from an export'],
  ['removed-photo', 'Removed a photo from a draft'],
  ['picked-photo', 'Put a photo on the handout'],
  ['unpicked-photo', 'Took a photo off the handout']
]

const labels = new Map(auditActions)

/** An action's words; one the app does not know yet reads as its name in plain words. */
export function auditActionLabel(action: string): string {
  const label = labels.get(action)
  if (label) return label
  const words = action.replace(/-/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

const consultId = / \([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\)/gi
const backupFile =
  /consults-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})\d{2}-\d{3}-(auto|manual|before-restore)\.(?:sqlite|manifest)/g
const backupKinds: Readonly<Record<string, string>> = {
  auto: 'automatic backup',
  manual: 'backup',
  'before-restore': 'backup made before a restore'
}

/** What an entry concerned, for people: consult ids left out, backup files named by their time. */
export function auditSubject(entry: Pick<AuditEntry, 'subject' | 'detail'>): string {
  const plain = (text: string) =>
    text
      .replace(consultId, '')
      // Backup files are named by their UTC time; people read it in their own.
      .replace(
        backupFile,
        (_m, y, mo, d, h, mi, kind: string) =>
          `${backupKinds[kind]} of ${formatShortDateTime(`${y}-${mo}-${d}T${h}:${mi}:00Z`)}`
      )
  return entry.detail ? `${plain(entry.subject)} — ${plain(entry.detail)}` : plain(entry.subject)
}
