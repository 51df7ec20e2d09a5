/**
 * kubesecret's verdict on a case: the component itself, constructed under Pulumi mocks. A
 * rejected case throws the component's ResourceError from the constructor (validateSecret, the
 * whole pipeline's check, runs before anything registers); an accepted one registers its child
 * Secret, whose inputs the mocks hand back as its state so the test can compare them with what it
 * sends to the API server.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Problem } from "../../../src/validation/problem";
import type { Case } from "./case";

/** What the child Secret was registered with (its inputs). */
export interface RegisteredSecret {
  readonly metadata: Record<string, unknown>;
  readonly type: string;
  readonly data: Record<string, string>;
}

export type OurVerdict =
  | { readonly accepted: true; readonly registered: RegisteredSecret }
  | { readonly accepted: false; readonly problems: Problem[] };

export type OurSide = (c: Case, componentName: string, namespace: string) => Promise<OurVerdict>;

/**
 * Makes stack traces plain V8 ones until the returned function is called. Every Pulumi resource
 * and many of its promises capture their call stack (`new Error().stack`); under vitest each
 * capture goes through vite's source-mapping formatter, which makes a component cost about a
 * millisecond of that alone. The positions are not used under mocks.
 */
export function plainStackTraces(): () => void {
  const errorClass = Error as { prepareStackTrace?: unknown };
  const saved = errorClass.prepareStackTrace;
  errorClass.prepareStackTrace = undefined;
  return () => {
    errorClass.prepareStackTrace = saved;
  };
}

/** Installs the mocks (once per test file) and returns the verdict function. */
export async function startOurSide(): Promise<OurSide> {
  pulumi.runtime.setMocks(
    {
      newResource: (args) => ({ id: args.custom ? `${args.name}-id` : undefined, state: args.inputs }),
      call: () => ({}),
    },
    "kubesecret-differential",
    "differential",
    false,
  );
  const lib = await import("../../../src/index.js");
  return async (c, componentName, namespace) => {
    let component: InstanceType<(typeof lib)[typeof c.className]>;
    try {
      component = new lib[c.className](componentName, { ...c.args, namespace: c.args.namespace ?? namespace } as never);
    } catch (err) {
      if (pulumi.ResourceError.isInstance(err)) return { accepted: false, problems: parseProblems(err.message) };
      throw err;
    }
    const child = component.secret;
    const registered = await new Promise<RegisteredSecret>((resolve) => {
      pulumi.all([child.metadata, child.type, child.data]).apply(([metadata, type, data]) => {
        resolve({ metadata: metadata as unknown as Record<string, unknown>, type, data: data ?? {} });
      });
    });
    return { accepted: true, registered };
  };
}

/**
 * The problems of a component's error message (see describeProblems): one `  - field (key "k"):
 * rule` entry each. Fields always start with `args`, which keeps keys with line breaks whole.
 */
export function parseProblems(message: string): Problem[] {
  const [, ...entries] = message.split(/\n {2}- (?=args\b)/);
  return entries.map((entry) => {
    const match = /^(args[^\s(:]*)(?: \(key "([\s\S]*?)"\))?: ([\s\S]*)$/.exec(entry);
    if (!match) throw new Error(`cannot read the problem entry ${JSON.stringify(entry.slice(0, 80))}`);
    const [, field, key, rule] = match as unknown as [string, string, string | undefined, string];
    return key === undefined ? { field, rule } : { field, key, rule };
  });
}
