import { Menu, type MenuItemConstructorOptions } from 'electron'

/**
 * The application menu. A packaged app has no Reload (a reload would only lock the app)
 * and no developer tools; development keeps both.
 */
export function menuTemplate(development: boolean, platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    ...(development
      ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as const)
      : []),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' }
  ]
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' }
  ]
}

export function applyAppMenu(development: boolean): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(development, process.platform)))
}
