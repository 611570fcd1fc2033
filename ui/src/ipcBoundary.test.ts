// The page reaches the app only through the generated commands.gen.ts: no other source file calls
// `invoke`/`listen`/`emit` or names a command as a string, so a command renamed or re-typed in Rust cannot
// be called the old way anywhere. Tests and their mocks (src/test/, *.test.*) may name commands: they play
// the app's side.
import { describe, expect, it } from "vitest";

const sources = import.meta.glob<string>(["./**/*.ts", "./**/*.tsx"], { query: "?raw", import: "default", eager: true });
const generated = sources["./commands.gen.ts"];

const isProduct = (path: string) =>
  !path.endsWith(".gen.ts") && !/\.test\.tsx?$/.test(path) && !path.startsWith("./test/");

/** Every command name the generated file calls. */
const commandNames = [...generated.matchAll(/\bcall(?:<[^>]*>)?\("([a-z_]+)"/g)].map((m) => m[1]);

describe("the IPC boundary", () => {
  it("finds the generated commands", () => {
    expect(commandNames.length).toBeGreaterThan(30);
    expect(commandNames).toContain("connection_check");
  });

  it("has no hand-written invoke, listen or emit outside the generated file", () => {
    const offenders = Object.entries(sources)
      .filter(([path]) => isProduct(path))
      .flatMap(([path, text]) =>
        // Tauri's `once` is caught by the import check (a plain "once (" is common in prose).
        [...text.matchAll(/\b(invoke|listen|emit)\s*(<[^>]*>)?\s*\(|@tauri-apps\/api\/(core|event)/g)].map(
          (m) => `${path}: ${m[0]}`,
        ),
      );
    expect(offenders).toEqual([]);
  });

  it("names no command as a string outside the generated file", () => {
    // Quoted names only: comments may mention a command in backticks.
    const offenders = Object.entries(sources)
      .filter(([path]) => isProduct(path))
      .flatMap(([path, text]) =>
        commandNames
          .filter((name) => text.includes(`"${name}"`) || text.includes(`'${name}'`))
          .map((name) => `${path}: ${name}`),
      );
    expect(offenders).toEqual([]);
  });
});
