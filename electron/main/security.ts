import { app, session, shell } from 'electron'
import { restrictToOwner } from '../../db/owner-only'
import { isAllowedExternalUrl } from '../service/external-links'
import { isPermissionAllowed } from './permissions'
import { rendererEntry } from './renderer-entry'

/**
 * App-wide guards from Electron's security checklist: no navigation away from the app,
 * no new windows (links to cited sources open in the user's browser instead), no
 * permissions but full screen and, for photos, the camera on the app's own page.
 */
export function applySecurityPolicy(): void {
  const entry = rendererEntry()
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const media = 'mediaTypes' in details ? (details.mediaTypes ?? []) : []
    callback(
      isPermissionAllowed(
        { permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame, mediaTypes: media },
        entry
      )
    )
  })
  session.defaultSession.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    isPermissionAllowed(
      {
        permission,
        requestingUrl: details.requestingUrl,
        isMainFrame: details.isMainFrame,
        mediaTypes: details.mediaType ? [details.mediaType] : []
      },
      entry
    )
  )

  // Exports are downloads the user saves where they choose: readable by their owner only.
  session.defaultSession.on('will-download', (_event, item) => {
    item.once('done', (_done, state) => {
      if (state === 'completed') restrictToOwner(item.getSavePath())
    })
  })

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault())
    contents.on('will-redirect', (event) => event.preventDefault())
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternalUrl(url)) void shell.openExternal(url)
      return { action: 'deny' }
    })
  })
}
