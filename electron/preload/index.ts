import { contextBridge, ipcRenderer } from 'electron'
import { buildApi, type Result } from '../contract'

// Only the contract's named calls are exposed, never ipcRenderer itself.
contextBridge.exposeInMainWorld(
  'api',
  buildApi((channel, input) => ipcRenderer.invoke(channel, input) as Promise<Result<unknown>>)
)
