// Types for csp.mjs, so TypeScript tests and Electron code can import the plain-JS constant.
export declare const CSP: string;
