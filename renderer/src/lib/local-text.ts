import content from 'virtual:content'
import { localise } from '../../../content/localise'
import { locale } from './locale.svelte'

/**
 * Content text in the clinic's spelling. Apart from the locale itself, which the lock screen
 * sets: the first screen needs no content, so it does not wait for it.
 */
export const localText = (text: string): string => localise(content.locale, locale.spelling, text)
