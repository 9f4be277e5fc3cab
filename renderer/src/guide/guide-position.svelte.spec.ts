import { describe, expect, it } from 'vitest'
import type { GuideScreen } from '../../../content/schema'
import { GuidePosition } from './guide-position.svelte'

const screens = ['what', 'how', 'risks', 'next'].map((id) => ({ id }) as GuideScreen)

describe('the guide position', () => {
  it('starts where asked, within the guide, and counts that screen as shown', () => {
    expect(new GuidePosition(screens, 2).shown).toEqual(['risks'])
    expect(new GuidePosition(screens, 99).index).toBe(3)
    expect(new GuidePosition(screens, -5).index).toBe(0)
  })

  it('stops at the first and last screens', () => {
    const position = new GuidePosition(screens)
    position.previous()
    expect(position.isFirst).toBe(true)
    position.last()
    position.next()
    expect(position.isLast).toBe(true)
    expect(position.screen.id).toBe('next')
  })

  it('records the screens shown once each, in the order first seen', () => {
    const position = new GuidePosition(screens)
    position.goTo(2)
    position.previous()
    position.next()
    position.first()
    position.last()
    expect(position.shown).toEqual(['what', 'risks', 'how', 'next'])
  })
})
