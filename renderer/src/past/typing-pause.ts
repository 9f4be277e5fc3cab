/**
 * How long typing must pause before the search runs. A search answers in a few
 * milliseconds even at a million consults, so this only gathers a burst (a fast typist's
 * keys ~60–120 ms apart, key repeat ~33 ms, a paste): the results follow each word as it is
 * typed, and a keystroke reaches the screen well inside 150 ms (measured by `npm run bench`).
 */
export const TYPING_PAUSE_MS = 50
