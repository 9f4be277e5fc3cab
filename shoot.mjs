import { chromium } from '@playwright/test'
const [url, ...steps] = process.argv.slice(2)
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] })
const p = await b.newPage({ viewport: { width: 1280, height: 800 } })
p.on('pageerror', e => console.log('pageerror', e.message))
await p.goto(url)
for (const s of steps) {
  const [kind, arg, out] = s.split('|')
  if (kind === 'hash') { await p.evaluate(h => location.hash = h, arg); await p.waitForTimeout(400) }
  if (kind === 'click') { await p.getByRole('button', { name: arg }).first().click(); await p.waitForTimeout(400) }
  if (kind === 'key') { await p.keyboard.press(arg); await p.waitForTimeout(300) }
  if (kind === 'shot') { await p.screenshot({ path: arg, fullPage: out === 'full' }) }
  if (kind === 'size') { const [w,h]=arg.split('x').map(Number); await p.setViewportSize({width:w,height:h}) }
}
await b.close()
