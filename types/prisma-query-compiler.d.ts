// The WASM query compiler's JS wrapper that Prisma's generated client loads (engineType "client");
// it ships without type declarations. Only what lib/db/plan-cache.ts touches.
declare module "@prisma/client/runtime/query_compiler_bg.postgresql.mjs" {
  export class QueryCompiler {
    compile(request: string): unknown;
  }
}
