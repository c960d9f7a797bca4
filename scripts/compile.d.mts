// Types of compile.mjs for the TypeScript that imports it (the tests' set-up and helpers).
export declare const COMPILED_DIR: string;
export declare function isCompiled(files?: string[]): boolean;
export declare function compile(options?: { force?: boolean }): Promise<boolean>;
export declare function compiledScript(name: string): string;
