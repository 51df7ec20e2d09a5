/**
 * `stringData` (plain text) and `data` (base64): the arguments of the classes whose data is any
 * set of keys (`Secret`, `SecureOpaqueSecret`), and how they become data entries.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { SecretMetadataArgs } from "../metadataArgs";
import { allKeys, keysOfMap } from "../pipeline/keys";
import type { ClassContent } from "../pipeline/spec";
import type { DataEntry } from "../validation/data";
import { STRING_MAP } from "../validation/shapes";

/** Arguments of the classes whose data is any set of keys (`Secret`, `SecureOpaqueSecret`). */
export interface KeyValueArgs extends SecretMetadataArgs {
  /**
   * Values as plain text, by data key. The component encodes each value's UTF-8 bytes as base64;
   * they are secret in state and previews. Keys: letters, digits, `-`, `_` and `.`.
   *
   * @default - no plain-text values
   * @see https://kubernetes.io/docs/concepts/configuration/secret/#restriction-names-data
   */
  stringData?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
  /**
   * Values already base64-encoded (standard alphabet, padded, no line breaks), for binary content.
   * A key may not be set in both `data` and `stringData`.
   *
   * @default - no pre-encoded values
   * @see https://kubernetes.io/docs/concepts/configuration/secret/#restriction-names-data
   */
  data?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

type ValueMap = pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
/** The two maps, as given. */
export type MapValues = { stringData: ValueMap | undefined; data: ValueMap | undefined };

/** The shapes, values, content and key names of `stringData` and `data`. */
export const keyValueData = {
  shapes: { stringData: STRING_MAP, data: STRING_MAP },
  values: (args: KeyValueArgs): MapValues => ({ stringData: args.stringData, data: args.data }),
  content: (values: pulumi.Unwrap<MapValues>): ClassContent => {
    const fromMap = (map: Record<string, string> | undefined, field: string, encoding: DataEntry["encoding"]) =>
      Object.entries(map ?? {}).map(([key, value]): DataEntry => ({ key, field, value, encoding }));
    const entries = [
      ...fromMap(values.stringData, "args.stringData", "utf8"),
      ...fromMap(values.data, "args.data", "base64"),
    ];
    return { entries, problems: [] };
  },
  keys: (args: KeyValueArgs) => allKeys([keysOfMap(args.stringData), keysOfMap(args.data)]),
};
