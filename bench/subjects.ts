/**
 * What one unit of each subject is: a raw `kubernetes.core.v1.Secret`, the bare component (a
 * ComponentResource that registers itself and one child Secret and nothing else: the floor of any
 * component design), or one kubesecret component. Every one carries two values and a label.
 *
 * The modules come in as arguments, loaded from the program's own node_modules (the installed
 * tarball and the pinned SDKs), so the mocks run and the real program share this one definition.
 */
import type * as Kubernetes from "@pulumi/kubernetes";
import type * as Pulumi from "@pulumi/pulumi";
import type * as Kubesecret from "../src/index.ts";
// Directly, not through environment.ts: this module runs inside the measured processes (the mocks
// child and the Pulumi program), which must load nothing but the table.
import { CLASS_NAMES, CLASS_TABLE, type ClassName, type TlsPair } from "../tools/classCases.ts";

export interface SubjectModules {
  pulumi: typeof Pulumi;
  kubernetes: typeof Kubernetes;
  /** Needed only for the kubesecret classes. */
  kubesecret?: typeof Kubesecret;
}

export interface SubjectSettings {
  namespace: string;
  /** Label value that marks everything this program creates (`kubesecret.bench/run`). */
  runLabel: string;
  /** A certificate and its key: needed only for TlsSecret. */
  tls?: TlsPair;
  /** kubesecret classes only: `writeOnly: true` (the values never enter Pulumi state). */
  writeOnly?: boolean;
}

export type KubesecretClass = ClassName;
/** The kubesecret classes the bench measures, in report order. */
export const KUBESECRET_CLASSES: readonly KubesecretClass[] = CLASS_NAMES;

/** What a measurement creates: raw `kubernetes.core.v1.Secret`s, the bare component, or a kubesecret class. */
export type Subject = "raw" | "bare" | KubesecretClass;
export const SUBJECTS: readonly Subject[] = ["raw", "bare", ...KUBESECRET_CLASSES];

/** Two values per Secret, as every subject carries. */
function values(i: number): { username: string; password: string } {
  return { username: `user-${i}`, password: `value-${i}` };
}

export const RUN_LABEL = "kubesecret.bench/run";
export const BARE_COMPONENT_TYPE = "kubesecret-bench:index:BareSecret";

/** Creates the `index`-th resource of a subject and returns it. */
export type Construct = (index: number) => Pulumi.Resource;

/** How many resources one unit of `subject` registers (a component and its Secret, or a Secret). */
export function registrationsPerUnit(subject: Subject): number {
  return subject === "raw" ? 1 : 2;
}

/** The constructor for one subject; fails when a kubesecret class is asked for without the library. */
export function subjectConstructor(subject: Subject, modules: SubjectModules, settings: SubjectSettings): Construct {
  const { pulumi, kubernetes } = modules;
  const metadata = { namespace: settings.namespace, labels: { [RUN_LABEL]: settings.runLabel } };
  if (subject === "raw") {
    return (i) => new kubernetes.core.v1.Secret(`s-${i}`, { metadata, stringData: values(i) });
  }
  if (subject === "bare") {
    class BareSecret extends pulumi.ComponentResource {
      constructor(name: string, args: Kubernetes.core.v1.SecretArgs) {
        super(BARE_COMPONENT_TYPE, name, {}, {});
        new kubernetes.core.v1.Secret(name, args, { parent: this });
      }
    }
    return (i) => new BareSecret(`s-${i}`, { metadata, stringData: values(i) });
  }
  const lib = modules.kubesecret;
  if (!lib) throw new Error(`${subject} needs the kubesecret library`);
  const make = CLASS_TABLE[subject].minimalArgs;
  return (i) => {
    const args = { ...metadata, ...make(i, settings.tls), ...(settings.writeOnly ? { writeOnly: true } : {}) };
    // Each class takes its own argument type; CLASS_TABLE pairs them by class name.
    const Class = lib[subject] as unknown as new (name: string, args: object) => Pulumi.Resource;
    return new Class(`s-${i}`, args);
  };
}
