// Types of scripts/build-collector.mjs for the TypeScript that imports it (its tests).
import type { Plugin } from "esbuild";

/** The esbuild plugin that leaves Prisma's query compiler WebAssembly out of the bundle and reads it on demand. */
export declare const prismaWasmOnDemand: Plugin;
