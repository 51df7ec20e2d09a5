/**
 * `stringData` (plain text) and `data` (base64): the arguments of the classes whose data is any
 * set of keys (`Secret`, `SecureOpaqueSecret`), and how they become data entries.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { KeyValueArgs } from "../metadataArgs";
import { allKeys, keysOfMap } from "../pipeline/keys";
import type { KindContent } from "../pipeline/spec";
import type { DataEntry } from "../validation/data";
import { STRING_MAP } from "../validation/shapes";

type ValueMap = pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
/** The two maps, as given. */
export type MapValues = { stringData: ValueMap | undefined; data: ValueMap | undefined };

/** The shapes, values, content and key names of `stringData` and `data`. */
export const keyValueData = {
  shapes: { stringData: STRING_MAP, data: STRING_MAP },
  values: (args: KeyValueArgs): MapValues => ({ stringData: args.stringData, data: args.data }),
  content: (values: pulumi.Unwrap<MapValues>): KindContent => {
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
