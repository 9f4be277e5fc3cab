import { it } from 'vitest'
import { openDatabase } from '../../db/open'
import { countPatients, searchPatients } from '../../db/queries/patients'

const t = (label: string, n: number, f: (i: number) => unknown) => {
  const samples: number[] = []
  for (let i = 0; i < n; i++) {
    const s = performance.now()
    f(i)
    samples.push(performance.now() - s)
  }
  samples.sort((a, b) => a - b)
  console.log(label, 'p50', samples[Math.floor(n / 2)]!.toFixed(2), 'max', samples[n - 1]!.toFixed(2))
}
it('scratch', { timeout: 600_000 }, () => {
  const db = openDatabase('/tmp/d1m-copy.sqlite')
  for (const q of ['', 'a', 'lo', 'lov', 'lovelace', 'ada lov', 'zq'])
  {
    t(`search "${q}"`, 5, () => searchPatients(db, q, 50))
    t(`count "${q}"`, 5, () => countPatients(db, q))
  }
  db.close()
})
