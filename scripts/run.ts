// Small helpers for the project's command-line scripts.
import { spawn } from "node:child_process";

/** Runs a command with inherited output; rejects with its exit code. */
export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: "inherit", env });
    child.on("error", reject);
    child.on("exit", (code, signal) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited with ${code ?? signal}`))));
  });
}

export const TSX = ["node_modules/.bin/tsx", "--conditions=react-server"] as const;
export function tsx(script: string, args: string[] = [], env?: NodeJS.ProcessEnv) {
  return run(TSX[0], [TSX[1], script, ...args], env);
}
