import type * as pulumi from "@pulumi/pulumi";
import { entriesOf } from "../content";
import type { SecretDefinition } from "../plan";

type ValueMap = pulumi.Input<{ [key: string]: pulumi.Input<string> }>;

/** The value arguments of the map-shaped classes (`Secret`, `SecureOpaqueSecret`). */
export interface MapDataValues {
  stringData: ValueMap | undefined;
  data: ValueMap | undefined;
}

/** A definition whose data comes from `stringData` (plain text) and `data` (base64). */
export function mapDataDefinition(
  token: string,
  type: pulumi.Input<string> | undefined,
  values: MapDataValues,
  typeIsArgument: boolean,
): SecretDefinition<MapDataValues> {
  return {
    token,
    type,
    typeIsArgument,
    values,
    toEntries: (resolved) => ({
      entries: [
        ...entriesOf(resolved.stringData, "args.stringData", "utf8"),
        ...entriesOf(resolved.data, "args.data", "base64"),
      ],
      problems: [],
    }),
  };
}
