import { app, BrowserWindow, dialog, type WebContents } from 'electron'
import { writeFile } from 'node:fs/promises'
import { restrictToOwner } from '../../db/owner-only'
import { join } from 'node:path'
import { ServiceError } from '../contract'
import type { HandoutPrinter } from '../service/handouts'

/**
 * Prints the handout page the sender shows. The page is fully loaded (the renderer asks
 * only from a rendered handout), and its @page CSS sets margins and paper size.
 */
export const electronPrinter: HandoutPrinter = {
  print: (sender, paper) =>
    new Promise((resolve, reject) => {
      const contents = sender as WebContents
      contents.print({ silent: false, printBackground: true, pageSize: paper }, (success, failureReason) => {
        if (success) resolve(true)
        else if (failureReason === 'cancelled') resolve(false)
        else reject(new ServiceError('internal', `The handout could not be printed (${failureReason}).`))
      })
    }),

  async savePdf(sender, paper, suggestedName) {
    const contents = sender as WebContents
    const window = BrowserWindow.fromWebContents(contents)
    const options = {
      title: 'Save handout as PDF',
      defaultPath: join(app.getPath('documents'), suggestedName),
      filters: [{ name: 'PDF', extensions: ['pdf'] }]
    }
    const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
    if (choice.canceled || !choice.filePath) return null
    const pdf = await contents.printToPDF({ pageSize: paper, printBackground: true, preferCSSPageSize: true })
    try {
      await writeFile(choice.filePath, pdf, { mode: 0o600 })
      restrictToOwner(choice.filePath) // also when it replaced an older file
    } catch (error) {
      throw new ServiceError(
        'internal',
        `The PDF could not be written to ${choice.filePath}: ${(error as Error).message}`
      )
    }
    return choice.filePath
  }
}
