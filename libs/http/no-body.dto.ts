/**
 * The body of an action that takes none. Declaring it lets the validation pipe refuse any field sent
 * anyway (400), as the contract asks, instead of ignoring it.
 */
export class NoBodyDto {}
