/**
 * The package's public API as data, read from its TSDoc with TypeScript's compiler API: every
 * export of the entry module (classes with their constructor arguments and outputs, functions,
 * interfaces, type aliases and constants), in the checker's order: declarations, then re-exports.
 */
import ts from "typescript";

/** A TSDoc comment: the summary and the tags the reference shows. */
export interface Doc {
  summary: string;
  /** `@default`, without the leading `- `. */
  defaultText?: string;
  see: string[];
  examples: string[];
  returns?: string;
}

/** A property of an interface or a class, or a function's parameter. */
export interface Member {
  name: string;
  optional: boolean;
  type: string;
  doc: Doc;
}

export interface ApiClass {
  kind: "class";
  name: string;
  doc: Doc;
  /** `new Name(name: string, args: NameArgs, …)` */
  constructorText: string;
  /** The constructor's `args` interface, expanded here rather than among the types. */
  argsType?: string;
  /** The arguments declared by the args interface or by bases the package does not export. */
  args: Member[];
  /** Exported interfaces whose properties the args interface inherits. */
  argsBases: string[];
  /** The class's own public properties. */
  outputs: Member[];
  /** The interfaces the class implements (its outputs document their members). */
  implementsTypes: string[];
}

export interface ApiFunction {
  kind: "function";
  name: string;
  doc: Doc;
  signatures: string[];
  params: Member[];
}

export interface ApiInterface {
  kind: "interface";
  name: string;
  doc: Doc;
  members: Member[];
}

/** A type alias or a constant, shown as its declaration. */
export interface ApiDeclaration {
  kind: "type" | "const";
  name: string;
  doc: Doc;
  text: string;
}

export type ApiItem = ApiClass | ApiFunction | ApiInterface | ApiDeclaration;

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, " ").trim();
const partsText = (parts: readonly ts.SymbolDisplayPart[] | undefined) => (parts ?? []).map((p) => p.text).join("");

function readDoc(symbol: ts.Symbol, checker: ts.TypeChecker): Doc {
  const doc: Doc = { summary: oneLine(partsText(symbol.getDocumentationComment(checker))), see: [], examples: [] };
  for (const tag of symbol.getJsDocTags(checker)) {
    const text = partsText(tag.text).trim();
    if (tag.name === "default") doc.defaultText = oneLine(text.replace(/^-\s*/, ""));
    else if (tag.name === "see") doc.see.push(oneLine(text));
    else if (tag.name === "example") doc.examples.push(text);
    else if (tag.name === "returns") doc.returns = oneLine(text);
  }
  return doc;
}

function typeText(node: ts.Node & { type?: ts.TypeNode }, checker: ts.TypeChecker): string {
  return oneLine(node.type ? node.type.getText() : checker.typeToString(checker.getTypeAtLocation(node)));
}

function member(symbol: ts.Symbol, checker: ts.TypeChecker): Member {
  const declaration = (symbol.valueDeclaration ?? symbol.declarations?.[0]) as
    (ts.Declaration & { type?: ts.TypeNode; questionToken?: ts.Node }) | undefined;
  return {
    name: symbol.getName(),
    optional: (symbol.flags & ts.SymbolFlags.Optional) !== 0,
    type: declaration ? typeText(declaration, checker) : checker.typeToString(checker.getTypeOfSymbol(symbol)),
    doc: readDoc(symbol, checker),
  };
}

function paramText(param: ts.ParameterDeclaration): string {
  const optional = param.questionToken !== undefined || param.initializer !== undefined;
  const type = param.type ? `: ${oneLine(param.type.getText())}` : "";
  return `${param.dotDotDotToken ? "..." : ""}${param.name.getText()}${optional ? "?" : ""}${type}`;
}

const signatureText = (prefix: string, node: ts.SignatureDeclarationBase) =>
  `${prefix}(${node.parameters.map(paramText).join(", ")})${node.type ? `: ${oneLine(node.type.getText())}` : ""}`;

function isPublicProperty(node: ts.ClassElement): node is ts.PropertyDeclaration {
  if (!ts.isPropertyDeclaration(node)) return false;
  const hidden = [ts.SyntaxKind.PrivateKeyword, ts.SyntaxKind.ProtectedKeyword, ts.SyntaxKind.StaticKeyword];
  return !(ts.getModifiers(node) ?? []).some((m) => hidden.includes(m.kind)) && !ts.isPrivateIdentifier(node.name);
}

function collectClass(name: string, symbol: ts.Symbol, exported: Set<string>, checker: ts.TypeChecker): ApiClass {
  const node = symbol.declarations!.find(ts.isClassDeclaration)!;
  const ctor = node.members.find(ts.isConstructorDeclaration);
  const item: ApiClass = {
    kind: "class",
    name,
    doc: readDoc(symbol, checker),
    constructorText: ctor ? signatureText(`new ${name}`, ctor) : `new ${name}()`,
    args: [],
    argsBases: [],
    outputs: node.members.filter(isPublicProperty).map((p) => member(checker.getSymbolAtLocation(p.name)!, checker)),
    implementsTypes: (node.heritageClauses ?? [])
      .filter((h) => h.token === ts.SyntaxKind.ImplementsKeyword)
      .flatMap((h) => h.types.map((t) => t.expression.getText())),
  };
  const argsParam = ctor?.parameters.find((p) => p.name.getText() === "args");
  if (argsParam?.type && ts.isTypeReferenceNode(argsParam.type)) {
    item.argsType = argsParam.type.typeName.getText();
    for (const property of checker.getPropertiesOfType(checker.getTypeFromTypeNode(argsParam.type))) {
      const owner = property.declarations?.[0]?.parent;
      const ownerName = owner && ts.isInterfaceDeclaration(owner) ? owner.name.text : undefined;
      if (ownerName !== undefined && ownerName !== item.argsType && exported.has(ownerName)) {
        if (!item.argsBases.includes(ownerName)) item.argsBases.push(ownerName);
      } else item.args.push(member(property, checker));
    }
  }
  return item;
}

function collectFunction(name: string, symbol: ts.Symbol, checker: ts.TypeChecker): ApiFunction {
  const declarations = symbol.declarations!.filter(ts.isFunctionDeclaration);
  const overloads = declarations.filter((d) => d.body === undefined);
  const shown = overloads.length > 0 ? overloads : declarations;
  const params = shown.flatMap((d) => d.parameters).map((p) => member(checker.getSymbolAtLocation(p.name)!, checker));
  return {
    kind: "function",
    name,
    doc: readDoc(symbol, checker),
    signatures: shown.map((d) => signatureText(`function ${name}`, d)),
    params: params.filter((p, i) => p.doc.summary !== "" && params.findIndex((q) => q.name === p.name) === i),
  };
}

function collectOne(name: string, symbol: ts.Symbol, exported: Set<string>, checker: ts.TypeChecker): ApiItem {
  const declaration = symbol.declarations?.[0];
  if (declaration === undefined) throw new Error(`${name}: the export does not resolve to a declaration`);
  const doc = readDoc(symbol, checker);
  if (symbol.flags & ts.SymbolFlags.Class) return collectClass(name, symbol, exported, checker);
  if (symbol.flags & ts.SymbolFlags.Function) return collectFunction(name, symbol, checker);
  if (symbol.flags & ts.SymbolFlags.Interface) {
    const members = checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol));
    return { kind: "interface", name, doc, members: members.map((m) => member(m, checker)) };
  }
  if (ts.isTypeAliasDeclaration(declaration)) {
    return { kind: "type", name, doc, text: `type ${name} = ${declaration.type.getText()};` };
  }
  if (ts.isVariableDeclaration(declaration)) {
    const list = declaration.parent;
    const keyword = ts.isVariableDeclarationList(list) && list.flags & ts.NodeFlags.Const ? "const" : "let";
    return { kind: "const", name, doc, text: `${keyword} ${declaration.getText()};` };
  }
  throw new Error(`${name}: an export the API reference cannot show (${ts.SyntaxKind[declaration.kind]})`);
}

/** Every export of `entryFile` in `program`: its own declarations, then its re-exports in order. */
export function collectApi(program: ts.Program, entryFile: string): ApiItem[] {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entryFile);
  const module = source && checker.getSymbolAtLocation(source);
  if (!module) throw new Error(`${entryFile} is not a module of the program`);
  const exports = checker.getExportsOfModule(module).map((e) => ({
    name: e.getName(),
    symbol: e.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(e) : e,
  }));
  const exported = new Set(exports.map((e) => e.name));
  const api = exports.map(({ name, symbol }) => collectOne(name, symbol, exported, checker));
  documentFromClasses(api);
  return api;
}

/**
 * An interface's undocumented members take their documentation from the first class that
 * implements it (the schema analyzer needs each class to declare, and document, its outputs).
 */
function documentFromClasses(api: ApiItem[]): void {
  for (const item of api) {
    if (item.kind !== "interface") continue;
    const implementer = api.find((c) => c.kind === "class" && c.implementsTypes.includes(item.name));
    if (implementer?.kind !== "class") continue;
    for (const m of item.members.filter((x) => x.doc.summary === "")) {
      const output = implementer.outputs.find((o) => o.name === m.name);
      if (output) m.doc = output.doc;
    }
  }
}

/** Gaps in the TSDoc: items, arguments and outputs without a summary, optional arguments without `@default`. */
export function docProblems(api: readonly ApiItem[]): string[] {
  const problems: string[] = [];
  const classes = api.filter((i) => i.kind === "class");
  // A class's args interface is checked as the class's arguments; its exported bases on their own.
  const expanded = new Set(classes.map((c) => c.argsType));
  const bases = new Set(classes.flatMap((c) => c.argsBases));
  for (const item of api) {
    if (item.doc.summary === "") problems.push(`${item.name}: no summary`);
    if (item.kind === "interface" && expanded.has(item.name)) continue;
    const members =
      item.kind === "class" ? [...item.args, ...item.outputs] : item.kind === "interface" ? item.members : [];
    for (const m of members) {
      if (m.doc.summary === "") problems.push(`${item.name}.${m.name}: no summary`);
    }
    const optionalArgs =
      item.kind === "class" ? item.args : item.kind === "interface" && bases.has(item.name) ? item.members : [];
    for (const m of optionalArgs.filter((a) => a.optional && a.doc.defaultText === undefined)) {
      problems.push(`${item.name}.${m.name}: optional argument without @default`);
    }
  }
  return problems;
}

/** A program over the package's sources as the build compiles them (tsconfig.build.json in `root`). */
export function packageProgram(root: string): ts.Program {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    `${root}/tsconfig.build.json`,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${root}/tsconfig.build.json`);
  return ts.createProgram({ rootNames: parsed.fileNames, options: { ...parsed.options, noEmit: true } });
}
