import { contextBridge, ipcRenderer } from 'electron'
import { buildApi, keepSession, type Answer, type Envelope } from '../contract'

// Only the contract's named calls are exposed, never ipcRenderer itself. The session
// secret stays in this isolated world's memory; the page's own scripts never see it.
contextBridge.exposeInMainWorld(
  'api',
  buildApi(
    keepSession(
      (channel, input, session) =>
        ipcRenderer.invoke(channel, { input, session } satisfies Envelope) as Promise<Answer<unknown>>
    )
  )
)
