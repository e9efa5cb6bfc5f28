/** The team API's refusal of a read token that tries to act: the server sends it, the desktop and the CLI show it. */
export const READ_ONLY_TOKEN_WORDS = 'This token may only read; ask for an operate token.';
