import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import packageJson from '../../package.json'
import { startService } from '../service'
import { startBridgeServer } from './server'

const DEFAULT_PORT = 5180
const DEFAULT_DATA_DIR = '.web-data'

function fatal(message: string): never {
  console.error(message)
  process.exit(1)
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: String(DEFAULT_PORT) },
      data: { type: 'string', default: DEFAULT_DATA_DIR }
    },
    strict: true
  })
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fatal(`--port must be a number from 0 to 65535, not "${values.port}".`)
  // Built into out/main/web.js, beside out/renderer.
  const staticDir = resolve(__dirname, '../renderer')
  if (!existsSync(resolve(staticDir, 'index.html')))
    fatal('The renderer is not built: run `npm run web`, which builds it first.')

  const dataDir = resolve(values.data)
  let service
  try {
    service = startService({
      dataDir,
      info: { name: 'Microneedling Consult', version: packageJson.version, mode: 'browser' },
      autoBackup: true
    })
  } catch (error) {
    fatal(error instanceof Error ? error.message : String(error))
  }
  const server = await startBridgeServer({ port, staticDir, dispatch: service.dispatch }).catch((error: Error) =>
    fatal(`Could not listen on 127.0.0.1:${port}: ${error.message}`)
  )

  console.log('Microneedling Consult is running in browser mode.')
  console.log(`Data: ${service.databasePath}`)
  console.log(`Open: ${server.url}`)

  const stop = () => {
    void server.close().then(() => {
      service.close()
      process.exit(0)
    })
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

void main()
