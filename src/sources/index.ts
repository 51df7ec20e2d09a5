/** Loaders: Secret values from env files, files and directories, with kubectl's semantics. */
export {
  type SecretDataValues,
  type SecretSource,
  fromDirectory,
  fromEnvFile,
  fromFile,
  secretData,
} from "./secretData";
export { type SshAuthFiles, type TlsFiles, dockerConfigFromFile, sshAuthFromFiles, tlsFromFiles } from "./typed";
