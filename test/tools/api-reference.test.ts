import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { type ApiItem, collectApi, docProblems, packageProgram } from "../../tools/api-reference/collect.ts";
import { API_FILE, generateApiReference } from "../../tools/api-reference/index.ts";
import { renderApi } from "../../tools/api-reference/render.ts";
import { REPO_ROOT } from "../../tools/repo.ts";

// Type-checking src/ with @pulumi/kubernetes' declarations takes seconds on a busy machine.
const SLOW = 120_000;

/** A program over in-memory sources placed inside the repository, so `@pulumi/pulumi` resolves. */
function virtualProgram(files: Record<string, string>): { program: ts.Program; entry: string } {
  const dir = path.join(REPO_ROOT, "test", "tools", "virtual-api");
  const virtual = new Map(Object.entries(files).map(([name, text]) => [path.join(dir, name), text]));
  const options: ts.CompilerOptions = {
    strict: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile, directoryExists } = host;
  host.directoryExists = (d) => d === dir || (directoryExists?.(d) ?? true);
  host.fileExists = (f) => virtual.has(f) || fileExists(f);
  host.readFile = (f) => virtual.get(f) ?? readFile(f);
  host.getSourceFile = (f, language, ...rest) =>
    virtual.has(f) ? ts.createSourceFile(f, virtual.get(f)!, language) : getSourceFile(f, language, ...rest);
  const entry = path.join(dir, "index.ts");
  return { program: ts.createProgram({ rootNames: [entry], options, host }), entry };
}

const FIXTURE = {
  "index.ts": `
import * as pulumi from "@pulumi/pulumi";
export { Widget, type WidgetArgs, type CommonArgs } from "./widget";

/** Wraps a widget's name in {@link Widget}'s own words. */
export function label(widget: Widget, ...suffixes: string[]): pulumi.Output<string> {
  return widget.name.apply((n) => [n, ...suffixes].join("-"));
}
export function undocumented(options: { deep?: boolean } = {}): boolean {
  return options.deep ?? false;
}
`,
  "widget.ts": `
import * as pulumi from "@pulumi/pulumi";
/** Arguments every widget takes. */
export interface CommonArgs {
  /**
   * Where it lives.
   *
   * @default - nowhere in particular
   */
  place?: string;
}
interface SizedArgs extends CommonArgs {
  /** How big. */
  size?: number;
}
/** Arguments of {@link Widget}. */
export interface WidgetArgs extends SizedArgs {
  /**
   * Its colour.
   *
   * @default - "blue"
   * @see https://example.com/colours
   */
  colour?: pulumi.Input<string>;
  /** Required, so no default. */
  shape: string;
}
/** A widget. */
export class Widget extends pulumi.ComponentResource {
  /** The widget's name. */
  public readonly name!: pulumi.Output<string>;
  private readonly hidden = 1;
  constructor(name: string, args: WidgetArgs, opts?: pulumi.ComponentResourceOptions) {
    super("test:index:Widget", name, {}, opts);
    void args;
    void this.hidden;
  }
}
`,
};

describe("collectApi and renderApi on a small package", () => {
  let api: ApiItem[];
  let page: string;
  beforeAll(() => {
    const { program, entry } = virtualProgram(FIXTURE);
    api = collectApi(program, entry);
    page = renderApi(api);
  }, SLOW);

  it("lists every export, declarations before re-exports, classes with their arguments and public outputs", () => {
    expect(api.map((i) => `${i.kind} ${i.name}`)).toEqual([
      "function label",
      "function undocumented",
      "class Widget",
      "interface WidgetArgs",
      "interface CommonArgs",
    ]);
    const widget = api.find((i) => i.kind === "class")!;
    expect(widget).toMatchObject({
      constructorText: "new Widget(name: string, args: WidgetArgs, opts?: pulumi.ComponentResourceOptions)",
      argsType: "WidgetArgs",
      argsBases: ["CommonArgs"],
      outputs: [{ name: "name", type: "pulumi.Output<string>", optional: false }],
    });
    // Own and unexported bases' arguments inline; the exported base by reference.
    expect(widget.kind === "class" && widget.args.map((a) => a.name)).toEqual(["colour", "shape", "size"]);
  });

  it("renders arguments with type, summary, default and links, and the args interface only once", () => {
    expect(page).toContain(
      '- `colour?: pulumi.Input<string>` — Its colour. Default: "blue". See https://example.com/colours',
    );
    expect(page).toContain("Arguments (`WidgetArgs`, and every argument of [`CommonArgs`](#commonargs)):");
    expect(page).toContain("- `name: pulumi.Output<string>` — The widget's name.");
    expect(page).not.toContain("hidden");
    expect(page).toContain("### `CommonArgs`");
    expect(page).not.toContain("### `WidgetArgs`");
    expect(page).toContain("Wraps a widget's name in [`Widget`](#widget)'s own words.");
  });

  it("renders function signatures with rest and defaulted parameters", () => {
    expect(page).toContain("function label(widget: Widget, ...suffixes: string[]): pulumi.Output<string>");
    expect(page).toContain("function undocumented(options?: { deep?: boolean }): boolean");
  });

  it("reports exports and members without a summary and optional arguments without @default", () => {
    expect(docProblems(api)).toEqual(["undocumented: no summary", "Widget.size: optional argument without @default"]);
  });

  it("fails when an export is of a kind the reference cannot show", () => {
    const { program, entry } = virtualProgram({ "index.ts": "/** Colours. */ export enum Colour { Red }" });
    expect(() => collectApi(program, entry)).toThrow(/Colour: an export the API reference cannot show/);
  });
});

describe(API_FILE, () => {
  it(
    "is what `npm run docs:api` writes from the current TSDoc (run it after changing the API's documentation)",
    async () => {
      const generated = await generateApiReference(REPO_ROOT);
      const committed = fs.readFileSync(path.join(REPO_ROOT, API_FILE), "utf8");
      expect(committed, `${API_FILE} is stale: run npm run docs:api`).toBe(generated);
    },
    SLOW,
  );

  it(
    "documents every export, class argument and output with a summary, and every optional argument's default",
    () => {
      const api = collectApi(packageProgram(REPO_ROOT), path.join(REPO_ROOT, "src", "index.ts"));
      expect(docProblems(api)).toEqual([]);
      expect(api.filter((i) => i.kind === "class")).toHaveLength(7);
    },
    SLOW,
  );
});
