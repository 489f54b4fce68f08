// When hovers leave the extension host: documents this long are parsed in the hover worker (a literal that big takes > 50 ms).
export const OFFLOAD_CHARS = 500_000;
