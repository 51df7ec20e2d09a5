/**
 * kubesecret: Pulumi components that create Kubernetes Secrets safely.
 *
 * One component class per Secret type; each validates its input before anything is sent,
 * keeps every value a Pulumi secret, and exposes the live object's name, uid and resourceVersion.
 */
export { BasicAuthSecret, type BasicAuthSecretArgs } from "./components/basicAuthSecret";
export {
  DockerConfigSecret,
  type DockerConfigSecretArgs,
  type DockerRegistryCredential,
} from "./components/dockerConfigSecret";
export { Secret, type SecretArgs } from "./components/secret";
export { SecureOpaqueSecret, type SecureOpaqueSecretArgs } from "./components/secureOpaqueSecret";
export { ServiceAccountTokenSecret, type ServiceAccountTokenSecretArgs } from "./components/serviceAccountTokenSecret";
export { SshAuthSecret, type SshAuthSecretArgs } from "./components/sshAuthSecret";
export { TlsSecret, type TlsSecretArgs } from "./components/tlsSecret";
export {
  type SecretComponent,
  type SecretReference,
  type SecretVolumeItem,
  envFrom,
  envVar,
  fromSecretName,
  imagePullSecret,
  rolloutAnnotations,
  volume,
} from "./reference";
export type { OwnerReferenceArgs, SecretMetadataArgs } from "./metadataArgs";
export { type OwnerReferenceOptions, type OwnerResource, ownerReference } from "./ownerReference";
export type { SecretOutputs } from "./outputs";
export { SecretType } from "./validation/types";
// Values from files: env files, files, directories and the typed classes' files.
export {
  type SecretDataValues,
  type SecretSource,
  type SshAuthFiles,
  type TlsFiles,
  dockerConfigFromFile,
  fromDirectory,
  fromEnvFile,
  fromFile,
  secretData,
  sshAuthFromFiles,
  tlsFromFiles,
} from "./sources";
// Moving a raw kubernetes.core.v1.Secret under a component without replacing it.
export { fromRawSecret } from "./migrate";
