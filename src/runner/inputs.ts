/** Where inputs come from: the step's `with:` and the environment. */
export interface InputSource {
  input(name: string): string
  env(name: string): string | undefined
}
