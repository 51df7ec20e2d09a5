/**
 * Users with chosen groups, like controller-runtime envtest's AddUser: a client certificate
 * (CN = user name, one O per group) signed by the client CA the API server trusts, in a
 * kubeconfig of its own. Works any time after the cluster started; what the user may do is up to
 * the RBAC bindings the caller creates for the name or the groups.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { withLock } from "../lock.ts";
import { issueClientCertificate } from "../tls.ts";
import { clientCa, renderKubeconfig, writePrivate } from "./credentials.ts";
import { clusterPaths, startedState } from "./state.ts";

export interface UserSpec {
  /** The user name Kubernetes sees (the certificate's CN), e.g. "alice" or "ci:deployer". */
  name: string;
  /** Groups (one O each); Kubernetes adds system:authenticated. */
  groups?: readonly string[];
}

export interface AddedUser {
  name: string;
  groups: string[];
  /** A kubeconfig (0600) that authenticates as the user against the cluster. */
  kubeconfigPath: string;
}

/** A file name for a user: readable, and distinct for distinct names. */
export function userFileName(name: string): string {
  const readable = name.replace(/[^A-Za-z0-9_.-]+/g, "_").slice(0, 40);
  return `${readable}-${createHash("sha256").update(name).digest("hex").slice(0, 8)}.kubeconfig`;
}

/** Issues a client certificate for `user` and writes its kubeconfig under `<clusterDir>/users/`. */
export async function addUser(clusterDir: string, user: UserSpec): Promise<AddedUser> {
  const dir = path.resolve(clusterDir);
  const paths = clusterPaths(dir);
  return withLock(paths.lock, { timeoutMs: 60_000 }, async () => {
    const state = startedState(dir);
    const groups = [...(user.groups ?? [])];
    const pair = issueClientCertificate(clientCa(paths), { commonName: user.name, organizations: groups });
    fs.mkdirSync(paths.users, { recursive: true, mode: 0o700 });
    const kubeconfigPath = path.join(paths.users, userFileName(user.name));
    const kubeconfig = renderKubeconfig({
      server: state.server,
      caPem: fs.readFileSync(state.caFile),
      userName: user.name,
      credentials: { clientCertificate: pair.cert, clientKey: pair.key },
    });
    writePrivate(kubeconfigPath, kubeconfig);
    return { name: user.name, groups, kubeconfigPath };
  });
}
