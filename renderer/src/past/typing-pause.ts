/**
 * How long typing must pause before the search runs. A search answers in about a
 * millisecond at 100,000 consults (a few at a million), so the pause is not there to spare
 * the database: it only gathers what arrives faster than anyone reads. 40 ms is just above
 * the key-repeat interval (~33 ms), so a held Backspace runs one search rather than thirty
 * a second, and below the gap between a fast typist's keys (~60–120 ms), so the results
 * still follow every key. It is most of a keystroke's time to the screen (input to
 * results, measured by `npm run bench`, must stay under 150 ms); 50 ms before bought nothing.
 */
export const TYPING_PAUSE_MS = 40
