import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, expect, it } from "vitest";
import { generateTypes, OUTPUT, SCHEMAS } from "../../scripts/generate-types.mjs";

/**
 * The client's message types come from protocol/schemas: a schema change the client's code does
 * not follow fails to compile. Each case compiles src/ against the types generated from a changed
 * copy of the schemas.
 */

const PACKAGE = fileURLToPath(new URL("../..", import.meta.url));
const COMPILE_TIMEOUT_MS = 60_000;
const copies: string[] = [];
/** Parsed once for every case: the library and source files that no case changes. */
const unchangedFiles = new Map<string, ts.SourceFile>();

afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of protocol/schemas, changed by `change`. */
function schemasChangedBy(change: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), "dd-ts-schemas-"));
  copies.push(dir);
  cpSync(SCHEMAS, dir, { recursive: true });
  change(dir);
  return dir;
}

function editSchema(dir: string, file: string, edit: (schema: any) => void): void {
  const path = join(dir, file);
  const schema = JSON.parse(readFileSync(path, "utf8"));
  edit(schema);
  writeFileSync(path, JSON.stringify(schema));
}

/** The compiler's errors for src/ (as `npm run build` compiles it) with the types generated from `schemaDir`. */
async function compileErrors(schemaDir: string): Promise<string[]> {
  const generated = await generateTypes(schemaDir);
  const config = ts.getParsedCommandLineOfConfigFile(join(PACKAGE, "tsconfig.json"), { noEmit: true, skipLibCheck: true }, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  });
  if (config === undefined) {
    throw new Error("tsconfig.json could not be read");
  }
  const host = ts.createCompilerHost(config.options);
  const isGenerated = (file: string) => resolve(file) === OUTPUT;
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (file) => (isGenerated(file) ? generated : readFile(file));
  host.fileExists = (file) => isGenerated(file) || fileExists(file);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, languageVersion, ...rest) => {
    if (isGenerated(file)) {
      return getSourceFile(file, languageVersion, ...rest);
    }
    let source = unchangedFiles.get(file);
    if (source === undefined) {
      source = getSourceFile(file, languageVersion, ...rest);
      if (source !== undefined) {
        unchangedFiles.set(file, source);
      }
    }
    return source;
  };
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options, host });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

it("compiles against the schemas as they are", { timeout: COMPILE_TIMEOUT_MS }, async () => {
  expect(await compileErrors(schemasChangedBy(() => {}))).toEqual([]);
});

it("fails to compile when a field the client reads is renamed in a schema", { timeout: COMPILE_TIMEOUT_MS }, async () => {
  const schemas = schemasChangedBy((dir) =>
    editSchema(dir, "resumed.json", (schema) => {
      const data = schema.properties.data;
      data.properties.restored = data.properties.recovered;
      delete data.properties.recovered;
      data.required = data.required.map((field: string) => (field === "recovered" ? "restored" : field));
    }),
  );
  const errors = await compileErrors(schemas);
  expect(errors.join("\n")).toContain("'recovered' does not exist");
});

it("fails to compile when the schemas gain a message the client does not sort into ServerMessage or ClientMessage", { timeout: COMPILE_TIMEOUT_MS }, async () => {
  const schemas = schemasChangedBy((dir) =>
    writeFileSync(
      join(dir, "contest-ended.json"),
      JSON.stringify({
        title: "CONTEST_ENDED",
        type: "object",
        properties: { type: { const: "CONTEST_ENDED" }, contest_id: { type: "string" } },
        required: ["type", "contest_id"],
        additionalProperties: false,
      }),
    ),
  );
  const errors = await compileErrors(schemas);
  expect(errors.join("\n")).toContain("'CONTEST_ENDED' is not assignable to type 'ServerMessage | ClientMessage'");
});
