import { app, session, shell } from 'electron'
import { restrictToOwner } from '../../db/owner-only'
import { isAllowedExternalUrl } from '../service/external-links'

/**
 * App-wide guards from Electron's security checklist: no navigation away from the app,
 * no new windows (links to cited sources open in the user's browser instead), no
 * permissions but full screen.
 */
export function applySecurityPolicy(): void {
  // Full screen is the one thing the app asks for (presentation mode); everything else is refused.
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(permission === 'fullscreen')
  )
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => permission === 'fullscreen')

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
