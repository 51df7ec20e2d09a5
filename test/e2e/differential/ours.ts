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

/** The Pulumi wire form of a secret, as the mocks receive one. */
const SECRET_SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";

function unwrapSecret(value: unknown): unknown {
  const wire = value as Record<string, unknown> | undefined;
  return wire !== null && typeof wire === "object" && SECRET_SIGNATURE_KEY in wire ? wire["value"] : value;
}

/** Where the mock keeps each child's `data` until the case reads it. */
const DATA_REF = "differential-data-ref";

/**
 * Installs the mocks (once per test file) and returns the verdict function. The child Secret's
 * state is its inputs, except that `data` is handed back by reference: the SDK renders every
 * registration response into a debug string, which for a 1 MiB Secret costs more than the rest of
 * the component, and the mock monitor keeps every state it returns for the whole run.
 */
export async function startOurSide(): Promise<OurSide> {
  const held = new Map<string, Record<string, string>>();
  let refs = 0;
  pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const id = args.custom ? `${args.name}-id` : undefined;
        if (args.type !== "kubernetes:core/v1:Secret") return { id, state: args.inputs };
        const ref = String((refs += 1));
        held.set(ref, (unwrapSecret(args.inputs["data"]) ?? {}) as Record<string, string>);
        return { id, state: { ...args.inputs, data: { [DATA_REF]: ref } } };
      },
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
        const ref = String(data?.[DATA_REF]);
        const values = held.get(ref);
        held.delete(ref);
        resolve({ metadata: metadata as unknown as Record<string, unknown>, type, data: values ?? {} });
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
