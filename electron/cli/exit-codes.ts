// The command line's exit codes (ARCHITECTURE §7): 0 all valid, 1 something is not, 2 wrong usage.
export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;
