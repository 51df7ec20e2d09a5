// Command pulumi-resource-kubernetes serves the upstream Kubernetes provider.
//
// Upstream's own main embeds files that `go generate` writes and that the module zip lacks,
// so this wrapper embeds the committed schema and mapping (copied next to it by
// tools/toolchain/build) and stamps the release version into the schema at start-up.
package main

import (
	_ "embed"
	"encoding/json"
	"log"

	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/provider"
	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version"
)

//go:embed schema.json
var committedSchema []byte

//go:embed terraform-mapping.json
var terraformMapping []byte

func main() {
	var schema map[string]json.RawMessage
	if err := json.Unmarshal(committedSchema, &schema); err != nil {
		log.Fatalf("embedded schema: %v", err)
	}
	stamped, err := json.Marshal(version.Version)
	if err != nil {
		log.Fatal(err)
	}
	schema["version"] = stamped
	versioned, err := json.Marshal(schema)
	if err != nil {
		log.Fatal(err)
	}
	provider.Serve("kubernetes", version.Version, versioned, terraformMapping)
}
