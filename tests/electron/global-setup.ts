import { electronBinary } from './electron-binary'

/** Says up front, in the test output, whether the Electron suite will run. */
export default function globalSetup(): void {
  if (!electronBinary()) {
    console.log(
      'Electron end-to-end suite: SKIPPED — no Electron binary here (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1). ' +
        'It runs on machines where `npm install` downloaded Electron.'
    )
  }
}
