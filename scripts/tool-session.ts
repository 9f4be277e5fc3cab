import { keepSession, type Practitioner, type Result, type SetupState } from '../electron/contract'
import type { Service } from '../electron/service'

export const TOOL_PIN = '2468'

/**
 * For the command-line tools (benchmark, crash test writer): calls through the service's
 * dispatch as an unlocked page would. The first run sets the database up with a tool
 * practitioner; later runs unlock as that practitioner.
 */
export async function unlockedCalls(
  service: Service,
  name: string
): Promise<(channel: string, input: unknown) => Promise<Result<unknown>>> {
  const send = keepSession((channel, input, session) => service.dispatch(channel, input, { session }))
  const check = <T>(result: Result<unknown>): T => {
    if (!result.ok) throw new Error(result.error.message)
    return result.value as T
  }
  if (!check<SetupState>(await send('setup.state', undefined)).done) {
    check(await send('setup.complete', { clinicName: name, practitionerName: name, pin: TOOL_PIN }))
  } else {
    const tool = check<Practitioner[]>(await send('practitioners.list', undefined)).find((p) => p.name === name)
    if (!tool) throw new Error(`${name} is not a practitioner of this database.`)
    check(await send('session.unlock', { id: tool.id, pin: TOOL_PIN }))
  }
  return send
}
