import { contextBridge, ipcRenderer } from 'electron'
import type { Answer, Envelope } from '../contract'
import { buildApi } from '../contract/call-names'
import { keepSession } from '../contract/session-transport'

// Only the contract's named calls are exposed, never ipcRenderer itself. The session
// secret stays in this isolated world's memory; the page's own scripts never see it.
// The names come without the schemas: main validates every call, so the preload stays small.
contextBridge.exposeInMainWorld(
  'api',
  buildApi(
    keepSession(
      (channel, input, session) =>
        ipcRenderer.invoke(channel, { input, session } satisfies Envelope) as Promise<Answer<unknown>>
    )
  )
)
