/**
 * Where the database lives: the user-data folder. `MNC_DATA_DIR` moves it only in
 * development and tests (an unpackaged app); a packaged app ignores it, so nobody can point
 * the installed app at another folder through its environment.
 */
export function chooseDataDir(env: NodeJS.ProcessEnv, packaged: boolean, userData: string): string {
  return (!packaged && env['MNC_DATA_DIR']) || userData
}
